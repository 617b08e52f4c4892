import { Alert, Paper, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { aftercarePublishInput, type AftercareTemplate } from '../../db/api/aftercare';
import { treatmentTypes, type TreatmentType } from '../../db/api/fields';
import { call } from '../client';
import { treatmentLabel, treatmentOptions } from '../consents/labels';
import { checkInput } from '../forms/command-form';
import { PublishWording, WordingVersions } from '../forms/PublishedWording';

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
  const treatment = treatmentLabel(type);

  return (
    <Stack maw={1000}>
      <Title order={1} size="h2">
        Aftercare sheets
      </Title>
      <Select label="Treatment" data={treatmentOptions} value={type} onChange={(v) => v && setSearch({ type: v })} allowDeselect={false} maw={360} />
      {history && (
        <Paper withBorder p="lg" component="section" aria-label={`${treatment} aftercare sheet`}>
          <Stack>
            {shown ? <WordingVersions versions={history} shown={shown} onShow={setShownId} /> : <Alert color="gray">There is no aftercare sheet for {treatment} yet.</Alert>}
            <PublishWording
              key={latest?.id ?? type}
              current={latest}
              check={(draft) => checkInput(aftercarePublishInput, { treatmentType: type, ...draft })}
              publish={async (draft) => {
                const published = await call('aftercare.templates.publish', { treatmentType: type, ...draft });
                notifications.show({ color: 'teal', message: `Version ${published.version} of the ${treatmentLabel(published.treatmentType)} aftercare sheet is published` });
                await load();
              }}
              explanation="Published wording never changes. The new version is the sheet given after every session from now on; sheets already given reprint as they were."
              confirmation={`From now on patients receive this sheet after ${treatment}. Published wording cannot be edited afterwards.`}
              wordingHelp="Lines starting with ## are headings, lines starting with - are list items, and a blank line starts a new paragraph."
            />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
