import { Button, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { sessionAddendumInput, type Session } from '../../db/api/sessions';
import { call } from '../client';
import { checkInput, showProblems } from '../forms/command-form';

interface AddendumForm {
  text: string;
  reason: string;
}

/** After signing, a correction or later finding is an addendum: its own text and reason, dated, signed by its author. */
export function AddendumForm({ session, onAdded }: { session: Session; onAdded(s: Session): void }) {
  const { register, handleSubmit, setError, reset, formState } = useForm<AddendumForm>({ defaultValues: { text: '', reason: '' } });
  const submit = handleSubmit(async (v) => {
    try {
      const updated = await call('sessions.addendum', checkInput(sessionAddendumInput, { id: session.id, text: v.text, reason: v.reason }));
      reset();
      notifications.show({ color: 'teal', message: 'Addendum added to the chart' });
      onAdded(updated);
    } catch (e) {
      const loose = showProblems(e, setError, ['text', 'reason']);
      if (loose) notifications.show({ color: 'red', message: loose });
    }
  });
  return (
    <Paper withBorder p="lg" className="no-print">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            Add an addendum
          </Title>
          <Textarea label="Addendum" description="What is added or corrected; the signed chart itself never changes" autosize minRows={3} {...register('text')} error={formState.errors.text?.message} />
          <TextInput size="lg" label="Reason for the addendum" description="e.g. follow-up call, correction of the area" {...register('reason')} error={formState.errors.reason?.message} />
          <Button type="submit" size="lg" loading={formState.isSubmitting} style={{ alignSelf: 'flex-start' }}>
            Add addendum
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
