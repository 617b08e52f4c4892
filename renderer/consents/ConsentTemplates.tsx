import { Anchor, Button, Code, Paper, Stack, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Printer } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { templatePublishInput, type ConsentTemplate } from '../../db/api/consents';
import { treatmentTypes, type TreatmentType } from '../../db/api/fields';
import { consentPlaceholders, fillPlaceholders, longDate } from '../../db/rules/consent-text';
import { call } from '../client';
import { checkInput } from '../forms/command-form';
import { PublishWording, WordingVersions } from '../forms/PublishedWording';
import { ConsentText } from './ConsentText';
import { dayOf, treatmentLabel } from './labels';

// Shown in the draft preview only; real forms are filled in with the patient's own details.
const samplePatient = {
  'patient.fullName': 'Sample Patient',
  'patient.firstName': 'Sample',
  'patient.lastName': 'Patient',
  'patient.dateOfBirth': longDate('1990-01-01'),
  'patient.chartNumber': 'SC-000000',
  date: longDate(new Date().toISOString().slice(0, 10)),
};

function PublishForm({ current, onPublished }: { current: ConsentTemplate; onPublished(): void }) {
  const treatment = treatmentLabel(current.treatmentType);
  return (
    <PublishWording
      current={current}
      check={(draft) => checkInput(templatePublishInput, { treatmentType: current.treatmentType, ...draft })}
      publish={async (draft) => {
        const published = await call('consents.templates.publish', { treatmentType: current.treatmentType, ...draft });
        notifications.show({ color: 'teal', message: `Version ${published.version} of the ${treatmentLabel(published.treatmentType)} consent is published` });
        onPublished();
      }}
      explanation="Published wording never changes. A new version becomes the form patients sign from now on; anyone who signed an earlier version is asked to sign again at their next visit, and their earlier signature still prints with the wording they saw."
      confirmation={`From now on patients sign this wording for ${treatment}. Patients whose consent is on version ${current.version} or earlier will be asked to sign again at their next visit. Published wording cannot be edited afterwards.`}
      wordingHelp={
        <>
          Lines starting with <Code>## </Code> are headings, lines starting with <Code>- </Code> are list items, and a blank line starts a new paragraph. Fields filled in at
          signing: {consentPlaceholders.map((p) => `{{${p}}}`).join(', ')}.
        </>
      }
      preview={{
        label: 'Preview with a sample patient',
        render: (body) => <ConsentText text={fillPlaceholders(body, { ...samplePatient, 'clinic.name': 'your clinic', treatment })} />,
      }}
    />
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
            <WordingVersions
              versions={history}
              shown={shown}
              onShow={setShownId}
              what={treatmentLabel(type)}
              actions={
                <Button component="a" href={`#/consent-forms/${shown.id}/blank`} variant="default" leftSection={<Printer size={16} />}>
                  Print blank copy
                </Button>
              }
            />
            <PublishForm key={latest.id} current={latest} onPublished={() => void load()} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
