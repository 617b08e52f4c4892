import { Alert, Autocomplete, Button, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { appointmentBookInput, appointmentRescheduleInput, type Appointment } from '../../db/api/appointments';
import { treatmentLabels } from '../../db/api/fields';
import type { User } from '../../db/api/auth';
import { treatmentTypes } from '../../db/api/fields';
import type { PatientSummary } from '../../db/api/patients';
import { call, CommandError } from '../client';
import { checkInput, optional, showProblems } from '../forms/command-form';
import { PatientPicker } from './PatientPicker';
import { clockTime, localDate, localInstant, withOffset } from './times';

interface Values {
  treatmentType: string;
  practitionerId: string;
  room: string;
  date: string;
  time: string;
  minutes: string;
  notes: string;
}

const lengths = [15, 20, 30, 45, 60, 75, 90, 120, 150, 180, 240].map((m) => ({ value: String(m), label: m < 60 || m % 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}` }));
const fields = ['patientId', 'treatmentType', 'practitionerId', 'room', 'date', 'time', 'minutes', 'notes'] as const;
// The form asks for a day, a clock time and a length; the records speak of start and end instants.
const formFieldOf: Record<string, string> = { startsAt: 'time', endsAt: 'minutes' };

const renamed = (e: unknown): unknown =>
  e instanceof CommandError
    ? new CommandError(e.code, e.message, { ...(e.details as object), issues: e.issues.map((i) => ({ ...i, path: formFieldOf[i.path] ?? i.path })) })
    : e;

/** The next quarter hour from now, as HH:MM. */
const nextQuarter = () => {
  const d = new Date(Math.ceil(Date.now() / 900_000) * 900_000);
  return clockTime(d.toISOString());
};

interface Props {
  /** Rescheduling this appointment, or booking a new one. */
  appointment?: Appointment;
  patient?: PatientSummary | null;
  date?: string;
  onDone(a: Appointment): void;
  onCancel(): void;
}

/** Book or move an appointment; overlaps and other refusals appear next to the field they name. */
export function AppointmentForm({ appointment, patient: presetPatient = null, date, onDone, onCancel }: Props) {
  const [patient, setPatient] = useState<PatientSummary | null>(appointment?.patient ?? presetPatient);
  const [practitioners, setPractitioners] = useState<User[]>([]);
  const [rooms, setRooms] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const day = date ?? localDate();
  const minutes = appointment ? String(Math.round((Date.parse(appointment.endsAt) - Date.parse(appointment.startsAt)) / 60_000)) : '30';
  const { register, handleSubmit, setError, control, formState, setValue, clearErrors } = useForm<Values>({
    defaultValues: {
      treatmentType: appointment?.treatmentType ?? '',
      practitionerId: appointment ? String(appointment.practitionerId) : '',
      room: appointment?.room ?? '',
      date: appointment ? localDate(new Date(appointment.startsAt)) : day,
      time: appointment ? clockTime(appointment.startsAt) : day === localDate() ? nextQuarter() : '09:00',
      minutes: lengths.some((l) => l.value === minutes) ? minutes : '30',
      notes: appointment?.notes ?? '',
    },
  });

  useEffect(() => {
    void call('users.list', {}).then(({ items }) => {
      const able = items.filter((u) => u.active && (u.role === 'practitioner' || u.role === 'admin'));
      setPractitioners(able);
      if (!appointment && able.length === 1) setValue('practitionerId', String(able[0]!.id));
    });
    void call('appointments.rooms', {}).then(({ items }) => setRooms(items));
  }, [appointment, setValue]);

  const submit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      const start = localInstant(v.date, v.time);
      if (!start) {
        setError(v.date ? 'time' : 'date', { message: v.date ? 'Enter a start time' : 'Enter a day' });
        return;
      }
      const startsAt = withOffset(start);
      const endsAt = withOffset(new Date(start.getTime() + Number(v.minutes) * 60_000));
      const done = appointment
        ? await call(
            'appointments.reschedule',
            checkInput(appointmentRescheduleInput, {
              id: appointment.id,
              version: appointment.version,
              startsAt,
              endsAt,
              practitionerId: Number(v.practitionerId) || undefined,
              room: optional(v.room) ?? null,
            }),
          )
        : await call(
            'appointments.book',
            checkInput(appointmentBookInput, {
              patientId: patient?.id,
              practitionerId: v.practitionerId ? Number(v.practitionerId) : undefined,
              treatmentType: v.treatmentType || undefined,
              room: optional(v.room),
              startsAt,
              endsAt,
              notes: optional(v.notes),
            }),
          );
      onDone(done);
    } catch (e) {
      setProblem(showProblems(renamed(e), setError, fields));
    }
  });

  const err = (k: (typeof fields)[number]) => (formState.errors as Record<string, { message?: string } | undefined>)[k]?.message;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {appointment || presetPatient ? (
          <Text>
            <strong>Patient:</strong> {patient!.firstName} {patient!.lastName} ({patient!.chartNumber})
          </Text>
        ) : (
          <PatientPicker
            label="Patient"
            value={patient}
            onChange={(p) => {
              setPatient(p);
              clearErrors('patientId' as never);
            }}
            error={err('patientId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Treatment"
            disabled={!!appointment}
            data={[{ value: '', label: 'Choose a treatment' }, ...treatmentTypes.map((t) => ({ value: t, label: treatmentLabels[t] }))]}
            {...register('treatmentType')}
            error={err('treatmentType')}
          />
          <NativeSelect
            label="Practitioner"
            data={[{ value: '', label: 'Choose a practitioner' }, ...practitioners.map((u) => ({ value: String(u.id), label: u.name }))]}
            {...register('practitionerId')}
            error={err('practitionerId')}
          />
          <TextInput label="Day" type="date" {...register('date')} error={err('date')} />
          <TextInput label="Start time" type="time" {...register('time')} error={err('time')} />
          <NativeSelect label="Length" data={lengths} {...register('minutes')} error={err('minutes')} />
          <Controller
            control={control}
            name="room"
            render={({ field }) => <Autocomplete label="Room" description="Optional" data={rooms} value={field.value} onChange={field.onChange} error={err('room')} />}
          />
        </SimpleGrid>
        {!appointment && <Textarea label="Booking notes" autosize minRows={1} {...register('notes')} error={err('notes')} />}
        <Group>
          <Button type="submit" loading={formState.isSubmitting}>
            {appointment ? 'Move appointment' : 'Book appointment'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
