import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { call, CommandError } from '../client';
import { useAuth } from '../session';

interface SignInForm {
  username: string;
  password: string;
}

export function SignIn({ clinicName }: { clinicName: string | null }) {
  const { signedIn } = useAuth();
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInForm>();

  const submit = handleSubmit(async (form) => {
    setProblem(null);
    if (!form.username.trim() || !form.password) return setProblem('Enter your username and password');
    try {
      const { user } = await call('auth.login', { username: form.username, password: form.password });
      signedIn(user);
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : 'Could not sign in');
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper w={400} p="xl" withBorder shadow="sm">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                Sign in
              </Title>
              <Text c="dimmed">{clinicName ?? 'Skinchart'}</Text>
            </div>
            {problem && (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            )}
            <TextInput label="Username" autoComplete="username" autoFocus {...register('username')} />
            <PasswordInput label="Password" autoComplete="current-password" {...register('password')} />
            <Button type="submit" loading={formState.isSubmitting}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
