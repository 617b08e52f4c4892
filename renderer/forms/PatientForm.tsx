import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { Patient } from '../../db/api/patients';
import { listOf, optional, showProblems } from './command-form';

export interface PatientFormValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: string;
  phone: string;
  email: string;
  address: string;
  fitzpatrick: string;
  allergies: string;
  medications: string;
  notes: string;
}

export const patientFieldNames = ['firstName', 'lastName', 'dateOfBirth', 'sex', 'phone', 'email', 'address', 'fitzpatrick', 'allergies', 'medications', 'notes'] as const;

const blank: PatientFormValues = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  sex: '',
  phone: '',
  email: '',
  address: '',
  fitzpatrick: '',
  allergies: '',
  medications: '',
  notes: '',
};

export const formValuesOf = (p: Patient): PatientFormValues => ({
  firstName: p.firstName,
  lastName: p.lastName,
  dateOfBirth: p.dateOfBirth,
  sex: p.sex ?? '',
  phone: p.phone ?? '',
  email: p.email ?? '',
  address: p.address ?? '',
  fitzpatrick: p.fitzpatrick ? String(p.fitzpatrick) : '',
  allergies: p.allergies.join(', '),
  medications: p.medications.join(', '),
  notes: p.notes ?? '',
});

/** The form's text as the contract's fields; blanks become `undefined` (or `null` to clear, when editing). */
export const patientInputOf = (v: PatientFormValues, clear: boolean) => {
  const none = clear ? null : undefined;
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    dateOfBirth: v.dateOfBirth,
    sex: (optional(v.sex) as Patient['sex'] | undefined) ?? none,
    phone: optional(v.phone) ?? none,
    email: optional(v.email) ?? none,
    address: optional(v.address) ?? none,
    fitzpatrick: v.fitzpatrick ? Number(v.fitzpatrick) : none,
    allergies: listOf(v.allergies),
    medications: listOf(v.medications),
    notes: optional(v.notes) ?? none,
  };
};

const fitzpatrickTypes = [
  { value: '', label: 'Not assessed' },
  { value: '1', label: 'I – always burns, never tans' },
  { value: '2', label: 'II – usually burns, tans minimally' },
  { value: '3', label: 'III – sometimes burns, tans gradually' },
  { value: '4', label: 'IV – rarely burns, tans easily' },
  { value: '5', label: 'V – very rarely burns, tans very easily' },
  { value: '6', label: 'VI – never burns' },
];

interface Props {
  initial?: PatientFormValues;
  submitLabel: string;
  onSubmit(values: PatientFormValues): Promise<void>;
  onCancel?(): void;
  /** Told of every change, e.g. to look for possible duplicates while the form is filled in. */
  onValuesChange?(values: PatientFormValues): void;
  /** Shown above the buttons (a warning about the values typed so far). */
  notice?: ReactNode;
}

/** Registration and editing share one form; problems appear next to the field they name. */
export function PatientForm({ initial, submitLabel, onSubmit, onCancel, onValuesChange, notice }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState, watch } = useForm<PatientFormValues>({ defaultValues: initial ?? blank });
  useEffect(() => {
    if (!onValuesChange) return;
    const sub = watch((values) => onValuesChange({ ...blank, ...values } as PatientFormValues));
    return () => sub.unsubscribe();
  }, [watch, onValuesChange]);
  const err = (k: keyof PatientFormValues) => formState.errors[k]?.message;

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await onSubmit(values);
    } catch (e) {
      setProblem(showProblems(e, setError, patientFieldNames));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="First name" {...register('firstName')} error={err('firstName')} autoFocus />
          <TextInput label="Last name" {...register('lastName')} error={err('lastName')} />
          <TextInput label="Date of birth" type="date" {...register('dateOfBirth')} error={err('dateOfBirth')} />
          <NativeSelect
            label="Sex"
            data={[
              { value: '', label: 'Not recorded' },
              { value: 'female', label: 'Female' },
              { value: 'male', label: 'Male' },
              { value: 'other', label: 'Other' },
              { value: 'unknown', label: 'Prefers not to say' },
            ]}
            {...register('sex')}
            error={err('sex')}
          />
          <TextInput label="Phone" type="tel" {...register('phone')} error={err('phone')} />
          <TextInput label="E-mail" type="email" {...register('email')} error={err('email')} />
        </SimpleGrid>
        <TextInput label="Address" {...register('address')} error={err('address')} />
        <NativeSelect label="Fitzpatrick skin type" data={fitzpatrickTypes} {...register('fitzpatrick')} error={err('fitzpatrick')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Allergies" description="Separate with commas" {...register('allergies')} error={err('allergies')} />
          <TextInput label="Current medicines" description="Separate with commas" {...register('medications')} error={err('medications')} />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={2} {...register('notes')} error={err('notes')} />
        {notice}
        <Group>
          <Button type="submit" loading={formState.isSubmitting}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
