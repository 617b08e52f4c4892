import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { authCommands } from '../../db/api/auth';
import { call } from '../client';
import { checkInput, showProblems } from '../forms/command-form';
import { useAuth } from '../session';

const setupInput = authCommands.find((c) => c.name === 'auth.setup')!.input;

interface SetupForm {
  clinicName: string;
  adminName: string;
  username: string;
  password: string;
  confirm: string;
}

/** First run: name the clinic and create the first admin, then sign straight in. */
export function Setup() {
  const { signedIn } = useAuth();
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SetupForm>();

  const submit = handleSubmit(async (form) => {
    setProblem(null);
    if (form.password !== form.confirm) return setError('confirm', { message: 'The two passwords are not the same' });
    try {
      const input = checkInput(setupInput, { clinicName: form.clinicName, adminName: form.adminName, username: form.username, password: form.password });
      await call('auth.setup', input);
      const { user } = await call('auth.login', { username: input.username, password: form.password });
      signedIn(user);
    } catch (e) {
      setProblem(showProblems(e, setError, ['clinicName', 'adminName', 'username', 'password']));
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper w={460} p="xl" withBorder shadow="sm">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Welcome to Skinchart
            </Title>
            <Text c="dimmed">Name your clinic and create the first administrator account. You can add staff afterwards.</Text>
            {problem && <Alert color="red">{problem}</Alert>}
            <TextInput label="Clinic name" {...register('clinicName')} error={formState.errors.clinicName?.message} autoFocus />
            <TextInput label="Your name" {...register('adminName')} error={formState.errors.adminName?.message} />
            <TextInput label="Username" autoComplete="username" {...register('username')} error={formState.errors.username?.message} />
            <PasswordInput
              label="Password"
              description="At least 10 characters"
              autoComplete="new-password"
              {...register('password')}
              error={formState.errors.password?.message}
            />
            <PasswordInput label="Repeat the password" autoComplete="new-password" {...register('confirm')} error={formState.errors.confirm?.message} />
            <Button type="submit" loading={formState.isSubmitting}>
              Create clinic
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
