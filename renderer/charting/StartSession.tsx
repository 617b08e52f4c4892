import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Play } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { treatmentTypes, type TreatmentType } from '../../db/api/fields';
import type { SessionListItem } from '../../db/api/sessions';
import { call } from '../client';
import { useUser } from '../session';
import { treatmentName, when } from './labels';

/**
 * On the patient page, for practitioners and admins: start charting a treatment, or go back to a
 * draft still open. (The front desk never sees sessions.)
 */
export function StartSession({ patient }: { patient: { id: number } }) {
  const user = useUser();
  const navigate = useNavigate();
  const [type, setType] = useState<TreatmentType | ''>('');
  const [recent, setRecent] = useState<SessionListItem[]>([]);
  const [busy, setBusy] = useState(false);
  const clinical = user.role !== 'front_desk';

  useEffect(() => {
    if (clinical) void call('sessions.forPatient', { patientId: patient.id, limit: 5 }).then((r) => setRecent(r.items));
  }, [clinical, patient.id]);

  if (!clinical) return null;

  const start = async () => {
    if (!type) return;
    setBusy(true);
    try {
      const s = await call('sessions.start', { patientId: patient.id, treatmentType: type });
      navigate(`/sessions/${s.id}`);
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h3">
          Treatment sessions
        </Title>
        <Group align="flex-end">
          <NativeSelect
            size="lg"
            label="Treatment"
            data={[{ value: '', label: 'Choose a treatment…' }, ...treatmentTypes.map((t) => ({ value: t, label: treatmentName(t) }))]}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as TreatmentType | '')}
          />
          <Button size="lg" leftSection={<Play size={18} />} disabled={!type} loading={busy} onClick={() => void start()}>
            Start a session
          </Button>
        </Group>
        {recent.length > 0 && (
          <Table verticalSpacing="sm" aria-label="Recent sessions">
            <Table.Tbody>
              {recent.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{when(s.performedAt)}</Table.Td>
                  <Table.Td>{treatmentName(s.treatmentType)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.status === 'signed' ? 'gray' : 'teal'}>
                      {s.status === 'signed' ? 'Signed' : 'Draft'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={`#/sessions/${s.id}`}>{s.status === 'draft' ? 'Continue charting' : 'Open'}</Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {recent.length === 0 && <Text c="dimmed">No session charted yet.</Text>}
      </Stack>
    </Paper>
  );
}
