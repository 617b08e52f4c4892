// Wording the clinic publishes in versions (consent forms, aftercare sheets): read any version, and
// publish the next one, which can never be edited afterwards.
import { Alert, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { ConsentText } from '../consents/ConsentText';
import { dayOf } from '../consents/labels';
import { showProblems } from './command-form';

export interface WordingVersion {
  id: number;
  version: number;
  title: string;
  body: string;
  publishedAt: string;
  publishedByName: string | null;
  current: boolean;
}

export interface Wording {
  title: string;
  body: string;
}

/** The version shown (heading, who published it and when, its wording) and buttons for the others. */
export function WordingVersions({
  versions,
  shown,
  onShow,
  what,
  actions,
}: {
  versions: WordingVersion[];
  shown: WordingVersion;
  onShow(id: number): void;
  /** Before "version N", e.g. the treatment's name. */
  what?: string;
  actions?: ReactNode;
}) {
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {shown.title}
          </Title>
          <Group gap="xs">
            <Text c="dimmed">
              {what ? `${what} · ` : ''}version {shown.version} · published {dayOf(shown.publishedAt)}
              {shown.publishedByName ? ` by ${shown.publishedByName}` : ''}
            </Text>
            {shown.current ? <Badge color="teal">Current</Badge> : <Badge color="gray">Replaced</Badge>}
          </Group>
        </div>
        {actions}
      </Group>
      {versions.length > 1 && (
        <Group gap="xs">
          <Text size="sm">Versions:</Text>
          {versions.map((t) => (
            <Button key={t.id} size="xs" variant={t.id === shown.id ? 'filled' : 'default'} onClick={() => onShow(t.id)}>
              {t.version}
            </Button>
          ))}
        </Group>
      )}
      <Paper withBorder p="md" bg="gray.0">
        <ConsentText text={shown.body} />
      </Paper>
    </>
  );
}

/**
 * The next version, edited from a copy of the current one: checked against the contract (`check` throws
 * what the host would refuse), then confirmed, then published. Problems show next to their field.
 */
export function PublishWording({
  current,
  check,
  publish,
  explanation,
  confirmation,
  wordingHelp,
  preview,
}: {
  /** The version the next one replaces; none when nothing has been published yet (the form starts empty). */
  current: WordingVersion | null;
  check(draft: Wording): void;
  publish(draft: Wording): Promise<void>;
  explanation: ReactNode;
  confirmation: ReactNode;
  wordingHelp: ReactNode;
  /** When given, the wording can be seen as it will read. */
  preview?: { label: string; render(body: string): ReactNode };
}) {
  const { register, handleSubmit, setError, watch, formState } = useForm<Wording>({ defaultValues: { title: current?.title ?? '', body: current?.body ?? '' } });
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Wording | null>(null);
  const [view, setView] = useState<'edit' | 'preview'>('edit');
  const next = (current?.version ?? 0) + 1;
  const body = watch('body');

  const review = handleSubmit((values) => {
    setProblem(null);
    try {
      check(values);
      setConfirming(values);
    } catch (e) {
      setProblem(showProblems(e, setError, ['title', 'body']));
    }
  });

  const confirm = async () => {
    if (!confirming) return;
    try {
      await publish(confirming);
    } catch (e) {
      setProblem(showProblems(e, setError, ['title', 'body']));
    } finally {
      setConfirming(null);
    }
  };

  return (
    <form onSubmit={review} noValidate>
      <Stack>
        <Title order={3} size="h4">
          Publish a new version
        </Title>
        <Text size="sm" c="dimmed">
          {explanation}
        </Text>
        {problem && <Alert color="red">{problem}</Alert>}
        <TextInput label="Title" {...register('title')} error={formState.errors.title?.message} />
        {preview && (
          <SegmentedControl
            aria-label="Wording view"
            value={view}
            onChange={(v) => setView(v as 'edit' | 'preview')}
            data={[
              { value: 'edit', label: 'Edit' },
              { value: 'preview', label: preview.label },
            ]}
            w="fit-content"
          />
        )}
        {preview && view === 'preview' ? (
          <Paper withBorder p="md" aria-label="Preview">
            {preview.render(body ?? '')}
          </Paper>
        ) : (
          <Textarea
            label="Wording"
            description={wordingHelp}
            autosize
            minRows={14}
            maxRows={30}
            styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } }}
            {...register('body')}
            error={formState.errors.body?.message}
          />
        )}
        <Group>
          <Button type="submit">Publish version {next}</Button>
        </Group>
      </Stack>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={`Publish version ${next}?`}>
        <Stack>
          <Text>{confirmation}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button onClick={() => void confirm()}>Publish</Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
