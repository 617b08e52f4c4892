import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { CommandError, unlockRecords } from '../client';
import { useAuth } from '../session';

const MIN_LENGTH = 12;

/**
 * Desktop app, before the records open: the clinic passphrase protects the key when the computer has
 * no keyring. The host's message says why; the first time, the passphrase is chosen (typed twice).
 */
export function Vault({ mode, message }: { mode: 'unlock' | 'choose'; message: string }) {
  const { refresh } = useAuth();
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<{ passphrase: string; again: string }>();

  const submit = handleSubmit(async ({ passphrase, again }) => {
    setProblem(null);
    if (mode === 'choose' && passphrase.length < MIN_LENGTH) return setProblem(`The passphrase must be at least ${MIN_LENGTH} characters.`);
    if (mode === 'choose' && passphrase !== again) return setProblem('The two passphrases differ.');
    try {
      await unlockRecords(passphrase);
      await refresh();
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : 'The records could not be opened.');
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper w={480} p="xl" withBorder shadow="sm">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              {mode === 'choose' ? 'Protect the records with a passphrase' : 'Open the records'}
            </Title>
            <Alert color="yellow" icon={<ShieldAlert size={18} />} role="note">
              {message}
            </Alert>
            {mode === 'choose' && (
              <Text size="sm">
                Choose a passphrase of at least {MIN_LENGTH} characters that the clinic's staff can remember, and keep a written copy somewhere safe:
                without it, or a recovery key, the records cannot be opened.
              </Text>
            )}
            {problem && (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            )}
            <PasswordInput label="Clinic passphrase" autoFocus autoComplete="off" {...register('passphrase')} />
            {mode === 'choose' && <PasswordInput label="Repeat the passphrase" autoComplete="off" {...register('again')} />}
            <Button type="submit" size="md" loading={formState.isSubmitting}>
              {mode === 'choose' ? 'Set the passphrase and open' : 'Open'}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
