import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { Lock } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { User } from '../../db/api/auth';
import { call, CommandError } from '../client';
import { useAuth } from '../session';

/**
 * Shown after the screen sat unused: nothing of the records stays on screen. The same person types
 * their password to carry on where they were; anyone else signs in afresh.
 */
export function Locked({ user, clinicName, idleMinutes }: { user: User; clinicName: string | null; idleMinutes: number }) {
  const { signedIn, refresh } = useAuth();
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<{ password: string }>();

  const submit = handleSubmit(async ({ password }) => {
    setProblem(null);
    if (!password) return setProblem('Enter your password');
    try {
      const { user: back } = await call('auth.login', { username: user.username, password });
      signedIn(back);
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : 'Could not unlock');
    }
  });

  const someoneElse = () => {
    // Another person starts from the patient list, not from what the last person had open.
    window.location.hash = '#/';
    void refresh();
  };

  return (
    <Center mih="100vh" p="md">
      <Paper w={420} p="xl" withBorder shadow="sm">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                <Lock size={22} style={{ verticalAlign: '-3px', marginRight: 8 }} aria-hidden />
                Locked
              </Title>
              <Text c="dimmed">{clinicName ?? 'Skinchart'}</Text>
            </div>
            <Text>
              Skinchart locked itself after {idleMinutes} minute{idleMinutes === 1 ? '' : 's'} without use, and hid the records. {user.name}, type
              your password to carry on.
            </Text>
            {problem && (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            )}
            <PasswordInput label="Password" autoComplete="current-password" autoFocus {...register('password')} />
            <Button type="submit" size="md" loading={formState.isSubmitting}>
              Unlock
            </Button>
            <Anchor component="button" type="button" onClick={someoneElse}>
              Sign in as someone else
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
