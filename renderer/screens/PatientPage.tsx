import { Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { AlertTriangle, Pencil } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { patientUpdateInput, type Patient } from '../../db/api/patients';
import { call, CommandError } from '../client';
import { checkInput } from '../forms/command-form';
import { formValuesOf, PatientForm, patientInputOf } from '../forms/PatientForm';
import { flagLabel } from '../flags';
import { ageOn } from '../dates';
import { PatientConsents } from '../consents/PatientConsents';
import { PatientFrontDesk } from '../frontdesk/PatientFrontDesk';
import { PatientPhotos } from '../photos/PatientPhotos';
import { StartSession } from '../charting/StartSession';
import { ChartTimeline } from '../chart/ChartTimeline';

function Detail({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{value || '—'}</Text>
    </div>
  );
}

/** Safety flags first and impossible to miss: they decide what may be done today. */
export function FlagAlerts({ patient }: { patient: Patient }) {
  if (patient.flags.length === 0) return null;
  return (
    <Alert color="red" variant="filled" icon={<AlertTriangle />} title="Safety alerts" role="alert">
      <Group gap="xs">
        {patient.flags.map((f) => (
          <Badge key={f} color="white" c="red.9" size="lg">
            {flagLabel(f)}
          </Badge>
        ))}
      </Group>
    </Alert>
  );
}

export function PatientPage() {
  const { id } = useParams();
  const [patient, setPatient] = useState<Patient | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(async () => {
    try {
      setPatient(await call('patients.get', { id: Number(id) }));
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : String(e));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!patient) return <Loader aria-label="Loading patient" />;

  return (
    <Stack maw={960}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {patient.firstName} {patient.lastName}
          </Title>
          <Text c="dimmed">
            {patient.chartNumber} · born {patient.dateOfBirth} ({ageOn(patient.dateOfBirth, new Date())} years)
          </Text>
        </div>
        {!editing && (
          <Button variant="default" leftSection={<Pencil size={16} />} onClick={() => setEditing(true)}>
            Edit details
          </Button>
        )}
      </Group>
      <FlagAlerts patient={patient} />
      <Paper withBorder p="lg">
        {editing ? (
          <PatientForm
            initial={formValuesOf(patient)}
            submitLabel="Save changes"
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              const input = checkInput(patientUpdateInput, { id: patient.id, version: patient.version, ...patientInputOf(values, true) });
              try {
                setPatient(await call('patients.update', input));
                setEditing(false);
                notifications.show({ color: 'teal', message: 'Changes saved' });
              } catch (e) {
                if (e instanceof CommandError && e.code === 'conflict') {
                  notifications.show({ color: 'orange', message: `${e.message}. The latest version is shown.` });
                  await load();
                  setEditing(false);
                  return;
                }
                throw e;
              }
            }}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Detail label="Phone" value={patient.phone} />
            <Detail label="E-mail" value={patient.email} />
            <Detail label="Address" value={patient.address} />
            <Detail label="Sex" value={patient.sex} />
            <Detail label="Fitzpatrick skin type" value={patient.fitzpatrick ? String(patient.fitzpatrick) : null} />
            <Detail label="Allergies" value={patient.allergies.join(', ')} />
            <Detail label="Current medicines" value={patient.medications.join(', ')} />
            <Detail label="Notes" value={patient.notes} />
          </SimpleGrid>
        )}
      </Paper>
      <PatientFrontDesk patient={patient} onChanged={() => void load()} />
      <PatientConsents patient={patient} />
      <StartSession patient={patient} />
      <ChartTimeline patientId={patient.id} />
      <PatientPhotos patient={patient} />
    </Stack>
  );
}
