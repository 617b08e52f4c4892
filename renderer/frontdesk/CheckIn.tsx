import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { type Appointment } from '../../db/api/appointments';
import { treatmentLabels } from '../../db/api/fields';
import { call, CommandError } from '../client';
import { flagLabel } from '../flags';
import { MissingList } from './AppointmentParts';
import { clockTime, localDate, longDay, shiftDay } from './times';

/** The records accept a check-in this long before the appointment, even the evening before. */
const EARLY_CHECK_IN_MS = 3_600_000;

function QueueCard({ a, onCheckIn }: { a: Appointment; onCheckIn?: (a: Appointment) => void }) {
  const name = `${a.patient.firstName} ${a.patient.lastName}`;
  return (
    <Paper withBorder p="md" component="li" aria-label={name} style={{ listStyle: 'none' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={700} fz="lg">
              {clockTime(a.startsAt)}
            </Text>
            <Anchor component={Link} to={`/patients/${a.patientId}`} fz="lg" fw={600}>
              {name}
            </Anchor>
            <Text c="dimmed">{a.patient.chartNumber}</Text>
          </Group>
          <Text>
            {treatmentLabels[a.treatmentType]} with {a.practitionerName}
            {a.room ? ` · ${a.room}` : ''}
          </Text>
          {a.patient.flags.length > 0 && (
            <Group gap={4}>
              {a.patient.flags.map((f) => (
                <Badge key={f} color="red">
                  {flagLabel(f)}
                </Badge>
              ))}
            </Group>
          )}
          {a.checkedInAt && <Text size="sm">Arrived at {clockTime(a.checkedInAt)}</Text>}
        </Stack>
        {onCheckIn && (
          <Button size="lg" onClick={() => onCheckIn(a)} aria-label={`Check in ${name}`}>
            Check in
          </Button>
        )}
      </Group>
      <div style={{ marginTop: 8 }}>
        <MissingList appointment={a} />
      </div>
    </Paper>
  );
}

/** Today's arrivals: who is expected, who is waiting, and what each still needs before treatment. */
export function CheckIn() {
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const today = localDate();

  const load = useCallback(async () => {
    try {
      const todays = (await call('appointments.day', { date: today })).items;
      // Late in the evening, the first arrivals after midnight may already be checked in (up to an hour early).
      const soon = Date.now() + EARLY_CHECK_IN_MS;
      const tomorrow = localDate(new Date(soon)) === today ? [] : (await call('appointments.day', { date: shiftDay(today, 1) })).items;
      setItems([...todays, ...tomorrow.filter((a) => a.status !== 'booked' || Date.parse(a.startsAt) <= soon)]);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [today]);

  useEffect(() => {
    void load();
  }, [load]);

  const checkIn = async (a: Appointment) => {
    try {
      const done = await call('appointments.checkIn', { id: a.id, version: a.version });
      notifications.show({
        color: done.missing.length ? 'orange' : 'teal',
        message: `${done.patient.firstName} ${done.patient.lastName} is checked in${done.missing.length ? ` — ${done.missing.length} thing(s) missing before treatment` : ''}`,
      });
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof CommandError ? e.message : String(e) });
    }
    await load();
  };

  const expected = items?.filter((a) => a.status === 'booked') ?? [];
  const waiting = items?.filter((a) => a.status === 'checked_in') ?? [];

  return (
    <Stack maw={960}>
      <div>
        <Title order={1} size="h2">
          Check-in
        </Title>
        <Text c="dimmed">{longDay(today)}</Text>
      </div>
      {problem && <Alert color="red">{problem}</Alert>}
      <section aria-label="Expected">
        <Title order={2} size="h3" mb="sm">
          Expected ({expected.length})
        </Title>
        {items && expected.length === 0 && <Text c="dimmed">Nobody else is expected today.</Text>}
        <Stack component="ul" p={0} m={0}>
          {expected.map((a) => (
            <QueueCard key={a.id} a={a} onCheckIn={(x) => void checkIn(x)} />
          ))}
        </Stack>
      </section>
      <section aria-label="Checked in">
        <Title order={2} size="h3" mb="sm">
          Checked in ({waiting.length})
        </Title>
        {items && waiting.length === 0 && <Text c="dimmed">Nobody is waiting.</Text>}
        <Stack component="ul" p={0} m={0}>
          {waiting.map((a) => (
            <QueueCard key={a.id} a={a} />
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
