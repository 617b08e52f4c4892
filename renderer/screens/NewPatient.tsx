import { Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { patientCreateInput } from '../../db/api/patients';
import { call } from '../client';
import { checkInput } from '../forms/command-form';
import { PatientForm, patientInputOf } from '../forms/PatientForm';

export function NewPatient() {
  const navigate = useNavigate();
  return (
    <Stack maw={860}>
      <Title order={1} size="h2">
        New patient
      </Title>
      <Paper withBorder p="lg">
        <PatientForm
          submitLabel="Register patient"
          onCancel={() => navigate('/')}
          onSubmit={async (values) => {
            const input = checkInput(patientCreateInput, patientInputOf(values, false));
            const patient = await call('patients.create', input);
            notifications.show({ color: 'teal', message: `${patient.firstName} ${patient.lastName} registered as ${patient.chartNumber}` });
            navigate(`/patients/${patient.id}`);
          }}
        />
      </Paper>
    </Stack>
  );
}
