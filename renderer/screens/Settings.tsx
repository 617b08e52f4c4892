import { Alert, Anchor, Button, FileInput, Group, Image, NumberInput, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { settingsUpdateInput, type ClinicSettings } from '../../db/api/settings';
import { call } from '../client';
import { checkInput, showProblems } from '../forms/command-form';
import { useAuth } from '../session';

const fields = ['clinicName', 'clinicAddress', 'clinicPhone', 'clinicEmail', 'logo', 'consentValidityMonths', 'intakeValidityMonths', 'idleLockMinutes'] as const;

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** Admin: the letterhead printed on every sheet, and the clinic's own time limits. */
export function Settings() {
  const { refresh } = useAuth();
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, control, watch, setValue, formState } = useForm<ClinicSettings>();

  useEffect(() => {
    void call('settings.get', {}).then((s) => reset(s));
  }, [reset]);

  const submit = handleSubmit(async (form) => {
    setProblem(null);
    try {
      const saved = await call('settings.update', checkInput(settingsUpdateInput, form));
      reset(saved);
      notifications.show({ color: 'teal', message: 'Settings saved' });
      await refresh();
    } catch (e) {
      setProblem(showProblems(e, setError, fields));
    }
  });

  const logo = watch('logo');
  const err = (k: keyof ClinicSettings) => formState.errors[k]?.message;
  const months = (name: 'consentValidityMonths' | 'intakeValidityMonths' | 'idleLockMinutes', label: string, description: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <NumberInput label={label} description={description} min={1} allowDecimal={false} value={field.value} onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))} error={err(name)} />
      )}
    />
  );

  return (
    <Stack maw={860}>
      <Title order={1} size="h2">
        Clinic settings
      </Title>
      <Anchor component={Link} to="/settings/diagrams">Face and body diagrams</Anchor>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            {problem && <Alert color="red">{problem}</Alert>}
            <Title order={2} size="h4">
              Letterhead
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Clinic name" {...register('clinicName')} error={err('clinicName')} />
              <TextInput label="Clinic phone" {...register('clinicPhone')} error={err('clinicPhone')} />
              <TextInput label="Clinic address" {...register('clinicAddress')} error={err('clinicAddress')} />
              <TextInput label="Clinic e-mail" {...register('clinicEmail')} error={err('clinicEmail')} />
            </SimpleGrid>
            <Group align="flex-end">
              <FileInput
                label="Logo"
                description="PNG or JPEG, under 500 KB"
                accept="image/png,image/jpeg"
                clearable
                onChange={(file) => (file ? void readAsDataUrl(file).then((url) => setValue('logo', url, { shouldDirty: true })) : setValue('logo', '', { shouldDirty: true }))}
                error={err('logo')}
                w={320}
              />
              {logo && <Image src={logo} alt="Current logo" h={48} w="auto" fit="contain" />}
            </Group>
            <Title order={2} size="h4">
              Time limits
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {months('consentValidityMonths', 'Consent valid for (months)', 'A signed consent covers its treatment this long')}
              {months('intakeValidityMonths', 'Intake valid for (months)', 'An older intake must be filled in again')}
              {months('idleLockMinutes', 'Lock the screen after (minutes)', 'Idle time before sign-in is asked again')}
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={formState.isSubmitting}>
                Save settings
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
