import { Badge, Paper, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { PatientSummary } from '../../db/api/patients';
import { flagLabel } from '../flags';

const ROW_HEIGHT = 53;

/**
 * The patients found for a search, as a table whose rows are drawn only where the list is scrolled:
 * a broad search stays as quick to show as a narrow one. The line above it says, for screen readers
 * too, how many patients matched what.
 */
export function PatientResults({ query, items, onOpen }: { query: string; items: PatientSummary[]; onOpen: (p: PatientSummary) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Draw the first rows at once, before the scroll box has been measured.
    initialRect: { width: 960, height: ROW_HEIGHT * 12 },
  });
  const shown = rows.getVirtualItems();
  const padTop = shown[0]?.start ?? 0;
  const padBottom = rows.getTotalSize() - (shown.at(-1)?.end ?? 0);

  return (
    <Paper withBorder>
      <Text role="status" size="sm" c="dimmed" px="md" pt="sm" pb={items.length ? 0 : 'sm'}>
        {items.length === 0 ? `No patient matches “${query}”.` : `${items.length} ${items.length === 1 ? 'patient matches' : 'patients match'} “${query}”`}
      </Text>
      {items.length > 0 && (
        <div ref={scrollRef} style={{ maxHeight: '60vh', overflowY: 'auto' }}>
          <Table highlightOnHover stickyHeader verticalSpacing="sm" aria-label="Search results" aria-rowcount={items.length + 1}>
            <Table.Thead>
              <Table.Tr aria-rowindex={1}>
                <Table.Th>Name</Table.Th>
                <Table.Th>Date of birth</Table.Th>
                <Table.Th>Chart</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Alerts</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {padTop > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={5} style={{ height: padTop, padding: 0, border: 0 }} />
                </tr>
              )}
              {shown.map((row) => {
                const p = items[row.index]!;
                return (
                  <Table.Tr key={p.id} data-index={row.index} ref={rows.measureElement} aria-rowindex={row.index + 2} onClick={() => onOpen(p)} style={{ cursor: 'pointer' }}>
                    <Table.Td>
                      <a href={`#/patients/${p.id}`}>
                        {p.lastName}, {p.firstName}
                      </a>
                      {p.archivedAt && (
                        <Badge ml="xs" color="gray" variant="light">
                          archived
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{p.dateOfBirth}</Table.Td>
                    <Table.Td>{p.chartNumber}</Table.Td>
                    <Table.Td>{p.phone ?? ''}</Table.Td>
                    <Table.Td>
                      {p.flags.map((f) => (
                        <Badge key={f} color="red" variant="light" mr={4}>
                          {flagLabel(f)}
                        </Badge>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {padBottom > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={5} style={{ height: padBottom, padding: 0, border: 0 }} />
                </tr>
              )}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
