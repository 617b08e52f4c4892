import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { aftercarePublishInput, type AftercareTemplate } from '../../db/api/aftercare';
import { treatmentTypes, type TreatmentType } from '../../db/api/fields';
import { call } from '../client';
import { ConsentText } from '../consents/ConsentText';
import { dayOf, treatmentLabel, treatmentOptions } from '../consents/labels';
import { checkInput, showProblems } from '../forms/command-form';

interface Draft {
  title: string;
  body: string;
}

/** A new version of one treatment's sheet: checked against the contract, then confirmed, since it cannot be edited afterwards. */
function PublishSheet({ current, onPublished }: { current: AftercareTemplate; onPublished(): void }) {
  const { register, handleSubmit, setError, formState } = useForm<Draft>({ defaultValues: { title: current.title, body: current.body } });
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Draft | null>(null);
  const next = current.version + 1;

  const check = handleSubmit((values) => {
    setProblem(null);
    try {
      checkInput(aftercarePublishInput, { treatmentType: current.treatmentType, ...values });
      setConfirming(values);
    } catch (e) {
      setProblem(showProblems(e, setError, ['title', 'body']));
    }
  });

  const publish = async () => {
    if (!confirming) return;
    try {
      const published = await call('aftercare.templates.publish', { treatmentType: current.treatmentType, ...confirming });
      notifications.show({ color: 'teal', message: `Version ${published.version} of the ${treatmentLabel(published.treatmentType)} aftercare sheet is published` });
      onPublished();
    } catch (e) {
      setProblem(showProblems(e, setError, ['title', 'body']));
    } finally {
      setConfirming(null);
    }
  };

  return (
    <form onSubmit={check} noValidate>
      <Stack>
        <Title order={3} size="h4">
          Publish a new version
        </Title>
        <Text size="sm" c="dimmed">
          Published wording never changes. The new version is the sheet given after every session from now on; sheets already given reprint as they were.
        </Text>
        {problem && <Alert color="red">{problem}</Alert>}
        <TextInput label="Title" {...register('title')} error={formState.errors.title?.message} />
        <Textarea
          label="Wording"
          description="Lines starting with ## are headings, lines starting with - are list items, and a blank line starts a new paragraph."
          autosize
          minRows={12}
          maxRows={30}
          styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } }}
          {...register('body')}
          error={formState.errors.body?.message}
        />
        <Group>
          <Button type="submit">Publish version {next}</Button>
        </Group>
      </Stack>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={`Publish version ${next}?`}>
        <Stack>
          <Text>
            From now on patients receive this sheet after {treatmentLabel(current.treatmentType)}. Published wording cannot be edited afterwards.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button onClick={() => void publish()}>Publish</Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

/** Admin: the aftercare sheet for each treatment type, its versions, and publishing a new one. */
export function AftercareSheets() {
  const [search, setSearch] = useSearchParams();
  const type = (search.get('type') as TreatmentType | null) ?? treatmentTypes[0];
  const [history, setHistory] = useState<AftercareTemplate[] | null>(null);
  const [shownId, setShownId] = useState<number | null>(null);

  const load = useCallback(async () => {
    const versions = (await call('aftercare.templates.list', { treatmentType: type, history: true })).items;
    setHistory(versions);
    setShownId(versions[0]?.id ?? null);
  }, [type]);

  useEffect(() => {
    void load();
  }, [load]);

  const latest = history?.[0] ?? null;
  const shown = history?.find((t) => t.id === shownId) ?? latest;

  return (
    <Stack maw={1000}>
      <Title order={1} size="h2">
        Aftercare sheets
      </Title>
      <Select
        label="Treatment"
        data={treatmentOptions}
        value={type}
        onChange={(v) => v && setSearch({ type: v })}
        allowDeselect={false}
        maw={360}
      />
      {history && !latest && <Alert color="gray">There is no aftercare sheet for {treatmentLabel(type)} yet.</Alert>}
      {shown && latest && (
        <Paper withBorder p="lg" component="section" aria-label={`${treatmentLabel(type)} aftercare sheet`}>
          <Stack>
            <div>
              <Title order={2} size="h3">
                {shown.title}
              </Title>
              <Group gap="xs">
                <Text c="dimmed">
                  version {shown.version} · published {dayOf(shown.publishedAt)}
                  {shown.publishedByName ? ` by ${shown.publishedByName}` : ''}
                </Text>
                {shown.current ? <Badge color="teal">Current</Badge> : <Badge color="gray">Replaced</Badge>}
              </Group>
            </div>
            {history && history.length > 1 && (
              <Group gap="xs">
                <Text size="sm">Versions:</Text>
                {history.map((t) => (
                  <Button key={t.id} size="xs" variant={t.id === shown.id ? 'filled' : 'default'} onClick={() => setShownId(t.id)}>
                    {t.version}
                  </Button>
                ))}
              </Group>
            )}
            <Paper withBorder p="md" bg="gray.0">
              <ConsentText text={shown.body} />
            </Paper>
            <PublishSheet key={latest.id} current={latest} onPublished={() => void load()} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
