import { Alert, Anchor, Badge, Button, Code, Group, Modal, Paper, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Printer } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { templatePublishInput, type ConsentTemplate } from '../../db/api/consents';
import { treatmentTypes, type TreatmentType } from '../../db/api/fields';
import { consentPlaceholders, fillPlaceholders, longDate } from '../../db/rules/consent-text';
import { call } from '../client';
import { checkInput, showProblems } from '../forms/command-form';
import { ConsentText } from './ConsentText';
import { dayOf, treatmentLabel } from './labels';

interface Draft {
  title: string;
  body: string;
}

// Shown in the draft preview only; real forms are filled in with the patient's own details.
const samplePatient = {
  'patient.fullName': 'Sample Patient',
  'patient.firstName': 'Sample',
  'patient.lastName': 'Patient',
  'patient.dateOfBirth': longDate('1990-01-01'),
  'patient.chartNumber': 'SC-000000',
  date: longDate(new Date().toISOString().slice(0, 10)),
};

function PublishForm({ current, onPublished }: { current: ConsentTemplate; onPublished(t: ConsentTemplate): void }) {
  const { register, handleSubmit, setError, watch, formState } = useForm<Draft>({ defaultValues: { title: current.title, body: current.body } });
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Draft | null>(null);
  const [view, setView] = useState<'edit' | 'preview'>('edit');
  const draft = watch();

  const check = handleSubmit((values) => {
    setProblem(null);
    try {
      checkInput(templatePublishInput, { treatmentType: current.treatmentType, ...values });
      setConfirming(values);
    } catch (e) {
      setProblem(showProblems(e, setError, ['title', 'body']));
    }
  });

  const publish = async () => {
    if (!confirming) return;
    try {
      const published = await call('consents.templates.publish', { treatmentType: current.treatmentType, ...confirming });
      notifications.show({ color: 'teal', message: `Version ${published.version} of the ${treatmentLabel(published.treatmentType)} consent is published` });
      onPublished(published);
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
          Published wording never changes. A new version becomes the form patients sign from now on; anyone who signed an earlier version is asked to sign
          again at their next visit, and their earlier signature still prints with the wording they saw.
        </Text>
        {problem && <Alert color="red">{problem}</Alert>}
        <TextInput label="Title" {...register('title')} error={formState.errors.title?.message} />
        <SegmentedControl
          aria-label="Wording view"
          value={view}
          onChange={(v) => setView(v as 'edit' | 'preview')}
          data={[
            { value: 'edit', label: 'Edit' },
            { value: 'preview', label: 'Preview with a sample patient' },
          ]}
          w="fit-content"
        />
        {view === 'edit' ? (
          <Textarea
            label="Wording"
            description={
              <>
                Lines starting with <Code>## </Code> are headings, lines starting with <Code>- </Code> are list items, and a blank line starts a new paragraph. Fields filled
                in at signing: {consentPlaceholders.map((p) => `{{${p}}}`).join(', ')}.
              </>
            }
            autosize
            minRows={14}
            maxRows={30}
            styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } }}
            {...register('body')}
            error={formState.errors.body?.message}
          />
        ) : (
          <Paper withBorder p="md" aria-label="Preview">
            <ConsentText text={fillPlaceholders(draft.body ?? '', { ...samplePatient, 'clinic.name': 'your clinic', treatment: treatmentLabel(current.treatmentType) })} />
          </Paper>
        )}
        <Group>
          <Button type="submit">Publish version {current.version + 1}</Button>
        </Group>
      </Stack>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={`Publish version ${current.version + 1}?`}>
        <Stack>
          <Text>
            From now on patients sign this wording for {treatmentLabel(current.treatmentType)}. Patients whose consent is on version {current.version} or earlier will be
            asked to sign again at their next visit. Published wording cannot be edited afterwards.
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

/** Admin: the consent wording for each treatment type, its versions, and publishing a new one. */
export function ConsentTemplates() {
  const [search, setSearch] = useSearchParams();
  const [current, setCurrent] = useState<ConsentTemplate[]>([]);
  const [history, setHistory] = useState<ConsentTemplate[]>([]);
  const [shownId, setShownId] = useState<number | null>(null);
  const type = (search.get('type') as TreatmentType | null) ?? treatmentTypes[0];

  const load = useCallback(async () => {
    const [list, versions] = await Promise.all([call('consents.templates.list', {}), call('consents.templates.list', { treatmentType: type, history: true })]);
    setCurrent(list.items);
    setHistory(versions.items);
    setShownId(versions.items[0]?.id ?? null);
  }, [type]);

  useEffect(() => {
    void load();
  }, [load]);

  const latest = history[0] ?? null;
  const shown = history.find((t) => t.id === shownId) ?? latest;

  return (
    <Stack maw={1000}>
      <Title order={1} size="h2">
        Consent forms
      </Title>
      <Paper withBorder>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Consent forms">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Treatment</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Published</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.map((t) => (
              <Table.Tr key={t.id} bg={t.treatmentType === type ? 'var(--mantine-color-teal-0)' : undefined}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setSearch({ type: t.treatmentType })}>
                    {treatmentLabel(t.treatmentType)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t.title}</Table.Td>
                <Table.Td>{t.version}</Table.Td>
                <Table.Td>{dayOf(t.publishedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      {shown && latest && (
        <Paper withBorder p="lg" component="section" aria-label={`${treatmentLabel(type)} consent`}>
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2} size="h3">
                  {shown.title}
                </Title>
                <Group gap="xs">
                  <Text c="dimmed">
                    {treatmentLabel(type)} · version {shown.version} · published {dayOf(shown.publishedAt)}
                    {shown.publishedByName ? ` by ${shown.publishedByName}` : ''}
                  </Text>
                  {shown.current ? <Badge color="teal">Current</Badge> : <Badge color="gray">Replaced</Badge>}
                </Group>
              </div>
              <Button component="a" href={`#/consent-forms/${shown.id}/blank`} variant="default" leftSection={<Printer size={16} />}>
                Print blank copy
              </Button>
            </Group>
            {history.length > 1 && (
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
            <PublishForm key={latest.id} current={latest} onPublished={() => void load()} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
