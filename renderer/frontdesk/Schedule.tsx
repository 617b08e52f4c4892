import { Alert, Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CalendarPlus, ChevronLeft, ChevronRight, Download } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Appointment } from '../../db/api/appointments';
import { treatmentLabels } from '../../db/api/fields';
import type { User } from '../../db/api/auth';
import { call, CommandError } from '../client';
import { flagLabel } from '../flags';
import { AppointmentForm } from './AppointmentForm';
import { CancelDialog, MissingList, StatusBadge } from './AppointmentParts';
import { saveTextFile } from './download';
import { clockTime, localDate, longDay, shiftDay } from './times';

/** A day's appointments for the whole clinic, or one practitioner or room. */
export function Schedule() {
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? localDate();
  const practitionerId = params.get('practitioner') ?? '';
  const room = params.get('room') ?? '';
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [practitioners, setPractitioners] = useState<User[]>([]);
  const [rooms, setRooms] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);

  const set = (key: string, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const filter = { date, ...(practitionerId && { practitionerId: Number(practitionerId) }), ...(room && { room }) };
  const key = JSON.stringify(filter);
  const load = useCallback(async () => {
    try {
      setProblem(null);
      setItems((await call('appointments.day', JSON.parse(key) as typeof filter)).items);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [key]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void call('users.list', {}).then(({ items: u }) => setPractitioners(u.filter((x) => x.role !== 'front_desk')));
    void call('appointments.rooms', {}).then(({ items: r }) => setRooms(r));
  }, []);

  const exportDay = async () => {
    try {
      const file = await call('exports.schedule', filter);
      saveTextFile(file.fileName, file.csv);
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const checkIn = async (a: Appointment) => {
    try {
      const done = await call('appointments.checkIn', { id: a.id, version: a.version });
      notifications.show({
        color: done.missing.length ? 'orange' : 'teal',
        message: `${done.patient.firstName} ${done.patient.lastName} checked in${done.missing.length ? `; missing: ${done.missing.map((m) => m.message).join('; ')}` : ''}`,
      });
      await load();
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof CommandError ? e.message : String(e) });
      await load();
    }
  };

  const isToday = date === localDate();
  const closeForm = () => {
    setBooking(false);
    setMoving(null);
  };

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            Schedule
          </Title>
          <Text c="dimmed">{longDay(date)}</Text>
        </div>
        <Group>
          <Button variant="default" leftSection={<Download size={16} />} onClick={() => void exportDay()}>
            Export day (CSV)
          </Button>
          <Button leftSection={<CalendarPlus size={18} />} onClick={() => setBooking(true)}>
            Book appointment
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <Button variant="default" aria-label="Previous day" onClick={() => set('date', shiftDay(date, -1))}>
          <ChevronLeft size={18} />
        </Button>
        <TextInput label="Day" type="date" value={date} onChange={(e) => e.currentTarget.value && set('date', e.currentTarget.value)} />
        <Button variant="default" aria-label="Next day" onClick={() => set('date', shiftDay(date, 1))}>
          <ChevronRight size={18} />
        </Button>
        {!isToday && (
          <Button variant="subtle" onClick={() => set('date', '')}>
            Today
          </Button>
        )}
        <NativeSelect
          label="Practitioner"
          value={practitionerId}
          onChange={(e) => set('practitioner', e.currentTarget.value)}
          data={[{ value: '', label: 'Everyone' }, ...practitioners.map((u) => ({ value: String(u.id), label: u.name }))]}
        />
        <NativeSelect label="Room" value={room} onChange={(e) => set('room', e.currentTarget.value)} data={[{ value: '', label: 'All rooms' }, ...rooms]} />
      </Group>
      {problem && <Alert color="red">{problem}</Alert>}
      <Paper withBorder>
        {items && items.length === 0 ? (
          <Text p="md" c="dimmed">
            Nothing booked for this day.
          </Text>
        ) : (
          <Table verticalSpacing="sm" aria-label="Appointments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Treatment</Table.Th>
                <Table.Th>With</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Before treatment</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items?.map((a) => (
                <Table.Tr key={a.id} style={a.status === 'cancelled' ? { opacity: 0.55 } : undefined}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {clockTime(a.startsAt)}–{clockTime(a.endsAt)}
                  </Table.Td>
                  <Table.Td miw={180}>
                    <Anchor component={Link} to={`/patients/${a.patientId}`}>
                      {a.patient.lastName}, {a.patient.firstName}
                    </Anchor>
                    <Group gap={4} mt={2}>
                      {a.patient.flags.map((f) => (
                        <Badge key={f} color="red" variant="light" size="sm">
                          {flagLabel(f)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{treatmentLabels[a.treatmentType]}</Table.Td>
                  <Table.Td>
                    {a.practitionerName}
                    {a.room && (
                      <Text size="sm" c="dimmed">
                        {a.room}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td miw={120}>
                    <StatusBadge status={a.status} />
                    {a.cancelReason && (
                      <Text size="xs" c="dimmed">
                        {a.cancelReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <MissingList appointment={a} compact />
                  </Table.Td>
                  <Table.Td>
                    {a.status === 'booked' && (
                      <Group gap={4} wrap="nowrap">
                        {isToday && (
                          <Button size="xs" onClick={() => void checkIn(a)} aria-label={`Check in ${a.patient.firstName} ${a.patient.lastName}`}>
                            Check in
                          </Button>
                        )}
                        <Button size="xs" variant="default" onClick={() => setMoving(a)}>
                          Move
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(a)}>
                          Cancel
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Modal opened={booking || moving !== null} onClose={closeForm} title={moving ? 'Move appointment' : 'Book appointment'} size="lg" centered>
        <AppointmentForm
          date={date}
          {...(moving && { appointment: moving })}
          onCancel={closeForm}
          onDone={(a) => {
            closeForm();
            notifications.show({ color: 'teal', message: `${a.patient.firstName} ${a.patient.lastName}: ${treatmentLabels[a.treatmentType]} at ${clockTime(a.startsAt)}` });
            const day = localDate(new Date(a.startsAt));
            if (day !== date) set('date', day);
            else void load();
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
    </Stack>
  );
}
