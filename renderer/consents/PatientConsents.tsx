import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { FileSignature } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ConsentSummary } from '../../db/api/consents';
import type { Patient } from '../../db/api/patients';
import { call } from '../client';
import { dayOf, statusColour, statusLabel, treatmentLabel } from './labels';

function Standing({ c }: { c: ConsentSummary }) {
  const detail =
    c.status === 'valid' ? `until ${dayOf(c.expiresAt)}` : c.status === 'expired' ? `on ${dayOf(c.expiresAt)}` : c.status === 'voided' ? c.voidReason : `version ${c.latestTemplateVersion}`;
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={statusColour[c.status]} variant={c.status === 'valid' ? 'filled' : 'light'}>
        {statusLabel[c.status]}
      </Badge>
      <Text size="sm" c="dimmed">
        {detail}
      </Text>
    </Group>
  );
}

/** The patient's signed consents, newest first, with where each one stands today. */
export function PatientConsents({ patient }: { patient: Patient }) {
  const navigate = useNavigate();
  const [items, setItems] = useState<ConsentSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    call('consents.forPatient', { patientId: patient.id })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, [patient.id]);

  // Only the newest word on a treatment matters: an old row needs no action once a newer signature covers it.
  const covered = new Set((items ?? []).filter((c) => c.status === 'valid').map((c) => c.treatmentType));
  const signFor = (treatment?: string) => navigate(`/patients/${patient.id}/consents/sign${treatment ? `?treatment=${treatment}` : ''}`);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="consents-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id="consents-heading">
            Consents
          </Title>
          <Button leftSection={<FileSignature size={18} />} onClick={() => signFor()}>
            Sign a consent
          </Button>
        </Group>
        {problem && <Alert color="red">{problem}</Alert>}
        {items && items.length === 0 && <Text c="dimmed">No consent signed yet.</Text>}
        {items && items.length > 0 && (
          <Table verticalSpacing="sm" aria-label="Signed consents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Treatment</Table.Th>
                <Table.Th>Form</Table.Th>
                <Table.Th>Signed</Table.Th>
                <Table.Th>Signed by</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{treatmentLabel(c.treatmentType)}</Table.Td>
                  <Table.Td>version {c.templateVersion}</Table.Td>
                  <Table.Td>{dayOf(c.signedAt)}</Table.Td>
                  <Table.Td>
                    {c.signedByName}
                    {c.guardianName && (
                      <Text size="xs" c="dimmed">
                        {c.guardianRelationship}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Standing c={c} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Anchor href={`#/consents/${c.id}`} aria-label={`Open the ${treatmentLabel(c.treatmentType)} consent signed ${dayOf(c.signedAt)}`}>
                        Open
                      </Anchor>
                      {!covered.has(c.treatmentType) && (
                        <Button size="xs" variant="light" onClick={() => signFor(c.treatmentType)}>
                          Sign again
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
