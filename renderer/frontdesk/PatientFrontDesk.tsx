import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Archive, CalendarPlus, ClipboardEdit, Printer, Tablet } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Appointment } from '../../db/api/appointments';
import { treatmentLabels } from '../../db/api/fields';
import type { IntakeRecord } from '../../db/api/intake';
import type { Patient } from '../../db/api/patients';
import { addMonths } from '../../db/rules/consents';
import { call, CommandError } from '../client';
import { flagLabel } from '../flags';
import { AppointmentForm } from './AppointmentForm';
import { CancelDialog, MissingList, StatusBadge } from './AppointmentParts';
import { startTabletIntake } from './tablet-lock';
import { clockTime } from './times';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** Archive or restore, always with a reason: the record is never deleted. */
function ArchiveDialog({ patient, opened, onClose, onDone }: { patient: Patient; opened: boolean; onClose(): void; onDone(): void }) {
  const restoring = patient.archivedAt !== null;
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await call(restoring ? 'patients.restore' : 'patients.archive', { id: patient.id, version: patient.version, reason });
      setReason('');
      onDone();
    } catch (e) {
      setProblem(e instanceof CommandError ? (e.issues[0]?.path === 'reason' ? `Reason: ${e.issues[0].message}` : e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={restoring ? 'Restore this record' : 'Archive this record'} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">
            {restoring
              ? 'The patient will be found by search again.'
              : 'An archived record is kept with all its history but no longer found by search. Use it for duplicates, or patients who have left the clinic.'}
          </Text>
          <Textarea label={restoring ? 'Reason for restoring' : 'Reason for archiving'} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problem} data-autofocus />
          <Group>
            <Button type="submit" color={restoring ? 'teal' : 'red'} loading={busy}>
              {restoring ? 'Restore record' : 'Archive record'}
            </Button>
            <Button variant="default" onClick={onClose}>
              Keep as it is
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The front desk's part of a patient's page: intake, appointments, archive. */
export function PatientFrontDesk({ patient, onChanged }: { patient: Patient; onChanged(): void }) {
  const navigate = useNavigate();
  const [intakes, setIntakes] = useState<IntakeRecord[] | null>(null);
  const [validityMonths, setValidityMonths] = useState(12);
  const [appointments, setAppointments] = useState<Appointment[]>([]);
  const [booking, setBooking] = useState(false);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [archiving, setArchiving] = useState(false);

  const load = useCallback(async () => {
    const [history, settings, upcoming] = await Promise.all([
      call('intake.forPatient', { patientId: patient.id }),
      call('settings.get', {}),
      call('appointments.forPatient', { patientId: patient.id }),
    ]);
    setIntakes(history.items);
    setValidityMonths(settings.intakeValidityMonths);
    setAppointments(upcoming.items);
  }, [patient.id]);

  useEffect(() => {
    void load();
  }, [load, patient.version]);

  const latest = intakes?.[0];
  const validUntil = latest ? addMonths(new Date(latest.submittedAt), validityMonths) : null;
  const outOfDate = validUntil !== null && validUntil.getTime() <= Date.now();
  const archived = patient.archivedAt !== null;

  return (
    <Stack>
      {archived && (
        <Alert color="gray" title="Archived record" icon={<Archive />}>
          Archived on {day(patient.archivedAt!)}: {patient.archivedReason}
        </Alert>
      )}
      <Paper withBorder p="lg" component="section" aria-label="Intake">
        <Stack>
          <Group justify="space-between">
            <Title order={2} size="h3">
              Intake questionnaire
            </Title>
            {latest ? (
              <Badge color={outOfDate ? 'orange' : 'teal'} variant="light" size="lg">
                {outOfDate ? 'Out of date' : `Valid until ${day(validUntil!.toISOString())}`}
              </Badge>
            ) : (
              intakes && (
                <Badge color="orange" variant="light" size="lg">
                  None on file
                </Badge>
              )
            )}
          </Group>
          {latest && (
            <Text>
              Last filled in on {day(latest.submittedAt)} (questionnaire version {latest.questionnaireVersion}).{' '}
              {latest.flags.length ? `Safety alerts: ${latest.flags.map(flagLabel).join(', ')}.` : 'No safety alerts.'}
            </Text>
          )}
          {!archived && (
            <Group>
              <Button leftSection={<Tablet size={18} />} onClick={() => startTabletIntake({ patientId: patient.id, greeting: `${patient.firstName} ${patient.lastName.slice(0, 1)}.` })}>
                Hand to patient (tablet)
              </Button>
              <Button variant="default" leftSection={<ClipboardEdit size={18} />} onClick={() => navigate(`/patients/${patient.id}/intake`)}>
                Fill in at the desk
              </Button>
              <Button variant="default" leftSection={<Printer size={18} />} component={Link} to={`/patients/${patient.id}/intake/print`}>
                Print blank form
              </Button>
              {latest && (
                <Button variant="default" leftSection={<Printer size={18} />} component={Link} to={`/patients/${patient.id}/intake/print?answers=1`}>
                  Print with answers
                </Button>
              )}
            </Group>
          )}
          {intakes && intakes.length > 1 && (
            <Table aria-label="Earlier intakes" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Filled in</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Safety alerts then</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {intakes.slice(1).map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{day(i.submittedAt)}</Table.Td>
                    <Table.Td>{i.questionnaireVersion}</Table.Td>
                    <Table.Td>{i.flags.length ? i.flags.map(flagLabel).join(', ') : 'None'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-label="Appointments">
        <Stack>
          <Group justify="space-between">
            <Title order={2} size="h3">
              Upcoming appointments
            </Title>
            {!archived && (
              <Button variant="default" leftSection={<CalendarPlus size={18} />} onClick={() => setBooking(true)}>
                Book appointment
              </Button>
            )}
          </Group>
          {appointments.length === 0 ? (
            <Text c="dimmed">None booked.</Text>
          ) : (
            <Table verticalSpacing="sm" aria-label="Upcoming appointments">
              <Table.Tbody>
                {appointments.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text fw={600}>
                        {day(a.startsAt)}, {clockTime(a.startsAt)}
                      </Text>
                      <Text size="sm">
                        {treatmentLabels[a.treatmentType]} with {a.practitionerName}
                        {a.room ? ` · ${a.room}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <MissingList appointment={a} compact />
                    </Table.Td>
                    <Table.Td>
                      {(a.status === 'booked' || a.status === 'checked_in') && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(a)}>
                          Cancel
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
      <Group>
        <Button variant="subtle" color={archived ? 'teal' : 'red'} leftSection={<Archive size={16} />} onClick={() => setArchiving(true)}>
          {archived ? 'Restore record' : 'Archive record'}
        </Button>
      </Group>
      <Modal opened={booking} onClose={() => setBooking(false)} title="Book appointment" size="lg" centered>
        <AppointmentForm
          patient={patient}
          onCancel={() => setBooking(false)}
          onDone={(a) => {
            setBooking(false);
            notifications.show({ color: 'teal', message: `${treatmentLabels[a.treatmentType]} booked for ${day(a.startsAt)} at ${clockTime(a.startsAt)}` });
            void load();
          }}
        />
      </Modal>
      <CancelDialog
        appointment={cancelling}
        onClose={() => setCancelling(null)}
        onDone={() => {
          setCancelling(null);
          void load();
        }}
      />
      <ArchiveDialog
        patient={patient}
        opened={archiving}
        onClose={() => setArchiving(false)}
        onDone={() => {
          setArchiving(false);
          onChanged();
        }}
      />
    </Stack>
  );
}
