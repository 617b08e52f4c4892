import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { auditEntry } from '../../db/api/audit';
import { call } from '../client';

type Entry = z.infer<typeof auditEntry>;

/** Admin: the append-only log of every change and every chart opened, and proof it is intact. */
export function AuditLog() {
  const [items, setItems] = useState<Entry[]>([]);
  const [verdict, setVerdict] = useState<{ ok: boolean; entries: number; brokenAt?: number | undefined } | null>(null);

  const load = useCallback(() => call('audit.query', { limit: 200 }).then((r) => setItems(r.items)), []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Button variant="default" onClick={() => void call('audit.verify', {}).then(setVerdict)}>
          Verify the chain
        </Button>
      </Group>
      {verdict &&
        (verdict.ok ? (
          <Alert color="teal">All {verdict.entries} entries are intact.</Alert>
        ) : (
          <Alert color="red">The log has been altered at entry {verdict.brokenAt}.</Alert>
        ))}
      <Paper withBorder>
        <Table verticalSpacing="xs" aria-label="Audit entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th>User</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Record</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.seq}>
                <Table.Td>{e.seq}</Table.Td>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>{e.userId ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={e.action.startsWith('denied') || e.action.endsWith('failed') ? 'red' : 'gray'}>
                    {e.action}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {e.entity} {e.entityId ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
