import { Paper, Stack, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { patientCreateInput, type DuplicateCandidate } from '../../db/api/patients';
import { call, CommandError } from '../client';
import { checkInput, optional } from '../forms/command-form';
import { PatientForm, patientInputOf, type PatientFormValues } from '../forms/PatientForm';
import { DuplicateWarning } from '../frontdesk/DuplicateWarning';

type Lookup = { firstName?: string; lastName?: string; dateOfBirth?: string; phone?: string };

const lookupOf = (v: PatientFormValues): Lookup => ({
  ...(optional(v.firstName) && { firstName: v.firstName.trim() }),
  ...(optional(v.lastName) && { lastName: v.lastName.trim() }),
  ...(/^\d{4}-\d{2}-\d{2}$/.test(v.dateOfBirth) && { dateOfBirth: v.dateOfBirth }),
  ...(optional(v.phone) && { phone: v.phone.trim() }),
});

export function NewPatient() {
  const navigate = useNavigate();
  const [lookup, setLookup] = useState<Lookup>({});
  const [debounced] = useDebouncedValue(lookup, 250);
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [confirmed, setConfirmed] = useState(false);
  const latest = useRef(0);

  const onValuesChange = useCallback((v: PatientFormValues) => {
    const next = lookupOf(v);
    setLookup((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, []);

  // Warn while typing, before the user presses Register.
  useEffect(() => {
    const ticket = ++latest.current;
    call('patients.duplicates', debounced)
      .then(({ items }) => {
        if (ticket !== latest.current) return;
        // A confirmation is about the records shown; other records need a fresh look.
        setCandidates((prev) => {
          if (prev.map((c) => c.id).join() !== items.map((c) => c.id).join()) setConfirmed(false);
          return items;
        });
      })
      .catch(() => undefined);
  }, [debounced]);

  return (
    <Stack maw={860}>
      <Title order={1} size="h2">
        New patient
      </Title>
      <Paper withBorder p="lg">
        <PatientForm
          submitLabel="Register patient"
          onCancel={() => navigate('/')}
          onValuesChange={onValuesChange}
          notice={<DuplicateWarning candidates={candidates} confirmed={confirmed} onConfirm={setConfirmed} />}
          onSubmit={async (values) => {
            const input = checkInput(patientCreateInput, { ...patientInputOf(values, false), ...(confirmed && { confirmNewRecord: true }) });
            try {
              const patient = await call('patients.create', input);
              notifications.show({ color: 'teal', message: `${patient.firstName} ${patient.lastName} registered as ${patient.chartNumber}` });
              navigate(`/patients/${patient.id}`);
            } catch (e) {
              const details = e instanceof CommandError ? (e.details as { reason?: string; candidates?: DuplicateCandidate[] } | undefined) : undefined;
              if (details?.reason === 'possible_duplicate' && details.candidates) setCandidates(details.candidates);
              throw e;
            }
          }}
        />
      </Paper>
    </Stack>
  );
}
