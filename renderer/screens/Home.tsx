import { Button, Checkbox, Group, Kbd, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Download, Search, UserPlus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PatientSummary } from '../../db/api/patients';
import { call } from '../client';
import { StockAlertsTile } from '../inventory/StockAlertsTile';
import { saveTextFile } from '../frontdesk/download';
import { PatientResults } from '../search/PatientResults';
import { useUser } from '../session';

/** The front desk's start: find a patient by name, chart number, phone or date of birth. */
export function Home() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 120);
  const [results, setResults] = useState<{ query: string; items: PatientSummary[] } | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const latest = useRef(0);
  const user = useUser();

  useEffect(() => {
    const ticket = ++latest.current;
    if (!debounced.trim()) return setResults(null);
    call('patients.search', { query: debounced, limit: 50, includeArchived })
      .then(({ items }) => ticket === latest.current && setResults({ query: debounced, items }))
      .catch(() => ticket === latest.current && setResults({ query: debounced, items: [] }));
  }, [debounced, includeArchived]);

  const exportList = async () => {
    const file = await call('exports.patients', { includeArchived });
    saveTextFile(file.fileName, file.csv);
  };

  const open = (p: PatientSummary) => navigate(`/patients/${p.id}`);

  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Patients
        </Title>
        <Group>
          {user.role === 'admin' && (
            <Button variant="default" leftSection={<Download size={16} />} onClick={() => void exportList()}>
              Export patient list (CSV)
            </Button>
          )}
          <Button leftSection={<UserPlus size={18} />} onClick={() => navigate('/patients/new')}>
            New patient
          </Button>
        </Group>
      </Group>
      <TextInput
        label="Find a patient"
        description="Name, chart number, phone number or date of birth"
        leftSection={<Search size={18} />}
        size="lg"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results?.items[0]) open(results.items[0]);
        }}
      />
      <Group justify="space-between">
        <Checkbox label="Include archived records" checked={includeArchived} onChange={(e) => setIncludeArchived(e.currentTarget.checked)} />
        <Text size="sm" c="dimmed">
          On any screen, press <Kbd>/</Kbd> to search for a patient.
        </Text>
      </Group>
      {results && <PatientResults query={results.query} items={results.items} onOpen={open} />}
      <StockAlertsTile />
    </Stack>
  );
}
