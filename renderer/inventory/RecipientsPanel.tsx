import { Alert, Anchor, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { Download, Printer } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Recipient } from '../../db/api/lots';
import type { ClinicSettings } from '../../db/api/settings';
import { call } from '../client';
import { dateTime, quantityWithUnit, today, treatmentLabel } from './format';
import './inventory.css';
import { recallFileName, recipientsCsv } from './recipients-csv';

interface Props {
  /** What was looked up, for the heading and the file name: "lot GLU-2291". */
  subject: string;
  fileKey: string;
  items: Recipient[];
  range?: { from?: string | undefined; to?: string | undefined };
  /** Printed under the heading, e.g. the recall's reason. */
  note?: string | null;
}

const download = (name: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** The patients who received a lot: on screen, as a spreadsheet file, and as a printed call list. */
export function RecipientsPanel({ subject, fileKey, items, range, note }: Props) {
  const [letterhead, setLetterhead] = useState<ClinicSettings | null>(null);
  useEffect(() => {
    void call('settings.get', {}).then(setLetterhead);
  }, []);
  const patients = new Set(items.map((i) => i.patient.id)).size;
  const between = range?.from || range?.to ? ` between ${range.from ?? 'the start'} and ${range.to ?? 'today'}` : '';

  return (
    <Paper withBorder p="lg" className="recall-list">
      <div className="print-only">
        <Text fw={700} size="lg">
          {letterhead?.clinicName}
        </Text>
        <Text size="sm">{[letterhead?.clinicAddress, letterhead?.clinicPhone, letterhead?.clinicEmail].filter(Boolean).join(' · ')}</Text>
        <Text size="sm">Printed {dateTime(new Date().toISOString())}</Text>
      </div>
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h3">
            Recall list: {subject}
          </Title>
          <Text c="dimmed">
            {items.length === 0
              ? `No patient received ${subject}${between}.`
              : `${patients} ${patients === 1 ? 'patient' : 'patients'}, ${items.length} ${items.length === 1 ? 'session' : 'sessions'}${between}`}
          </Text>
          {note && <Text fw={600}>{note}</Text>}
        </div>
        {items.length > 0 && (
          <Group className="print-hide">
            <Button variant="default" leftSection={<Download size={18} />} onClick={() => download(recallFileName(fileKey, today()), recipientsCsv(items))}>
              Export CSV
            </Button>
            <Button variant="default" leftSection={<Printer size={18} />} onClick={() => window.print()}>
              Print recall list
            </Button>
          </Group>
        )}
      </Group>
      {items.length > 0 && (
        <Table verticalSpacing="xs" striped aria-label="Patients who received this lot">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Born</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>E-mail</Table.Th>
              <Table.Th>Session</Table.Th>
              <Table.Th>Product and lot</Table.Th>
              <Table.Th>Quantity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={`${r.lotId}-${r.sessionId}`}>
                <Table.Td>
                  <Anchor href={`#/patients/${r.patient.id}`}>
                    {r.patient.lastName}, {r.patient.firstName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {r.patient.chartNumber}
                    {r.patient.archivedAt ? ' · archived' : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{r.patient.dateOfBirth}</Table.Td>
                <Table.Td>{r.patient.phone ?? '—'}</Table.Td>
                <Table.Td>{r.patient.email ?? '—'}</Table.Td>
                <Table.Td>
                  {dateTime(r.performedAt)}
                  <Text size="xs" c="dimmed">
                    {treatmentLabel(r.treatmentType)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.productName}
                  <Text size="xs" c="dimmed">
                    lot {r.lotNumber}
                  </Text>
                </Table.Td>
                <Table.Td>{quantityWithUnit(r.quantity, r.unit)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {items.some((r) => r.patient.archivedAt) && (
        <Alert color="gray" mt="sm" className="print-hide">
          Archived patients are listed too: a recall reaches everyone who received the lot.
        </Alert>
      )}
    </Paper>
  );
}
