import { Alert, Badge, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { AlertTriangle, CheckCircle2 } from 'lucide-react';
import { useState } from 'react';
import type { Appointment, AppointmentStatus } from '../../db/api/appointments';
import { call, CommandError } from '../client';

const statusLook: Record<AppointmentStatus, { label: string; color: string }> = {
  booked: { label: 'Booked', color: 'blue' },
  checked_in: { label: 'Checked in', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
  completed: { label: 'Completed', color: 'green' },
  no_show: { label: 'Did not attend', color: 'orange' },
};

export const StatusBadge = ({ status }: { status: AppointmentStatus }) => (
  <Badge color={statusLook[status].color} variant="light">
    {statusLook[status].label}
  </Badge>
);

/** What must be put right before treatment; impossible to miss, and quiet when all is in place. */
export function MissingList({ appointment, compact = false }: { appointment: Appointment; compact?: boolean }) {
  if (appointment.status !== 'booked' && appointment.status !== 'checked_in') return null;
  if (appointment.missing.length === 0) {
    return (
      <Group gap={4} c="teal.8">
        <CheckCircle2 size={16} />
        <Text size="sm">Ready for treatment</Text>
      </Group>
    );
  }
  const items = (
    <List size="sm" spacing={2}>
      {appointment.missing.map((m) => (
        <List.Item key={`${m.kind}:${m.treatmentType ?? ''}`}>{m.message}</List.Item>
      ))}
    </List>
  );
  if (compact) {
    return (
      <div role="group" aria-label="Missing before treatment">
        <Text size="xs" fw={600} c="orange.9">
          Missing before treatment
        </Text>
        {items}
      </div>
    );
  }
  return (
    <Alert color="orange" icon={<AlertTriangle />} title="Missing before treatment" role="group" aria-label="Missing before treatment">
      {items}
    </Alert>
  );
}

/** Cancel with a reason: the reason is kept with the appointment. */
export function CancelDialog({ appointment, onClose, onDone }: { appointment: Appointment | null; onClose(): void; onDone(a: Appointment): void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!appointment) return;
    setBusy(true);
    setProblem(null);
    try {
      onDone(await call('appointments.cancel', { id: appointment.id, version: appointment.version, reason }));
      setReason('');
    } catch (e) {
      setProblem(e instanceof CommandError ? (e.issues[0] ? `Reason: ${e.issues[0].message}` : e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={appointment !== null} onClose={onClose} title="Cancel appointment" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          {appointment && (
            <Text>
              {appointment.patient.firstName} {appointment.patient.lastName}, {new Date(appointment.startsAt).toLocaleString()}
            </Text>
          )}
          <Textarea label="Reason for cancelling" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problem} data-autofocus />
          <Group>
            <Button type="submit" color="red" loading={busy}>
              Cancel appointment
            </Button>
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
