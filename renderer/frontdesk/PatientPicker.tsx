import { Combobox, Text, TextInput, useCombobox } from '@mantine/core';
import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { PatientSummary } from '../../db/api/patients';
import { patientLine, usePatientSearch } from './patient-search';

interface Props {
  label: string;
  value: PatientSummary | null;
  onChange(p: PatientSummary | null): void;
  error?: string | undefined;
}

/** Choose a patient by typing any part of their name, chart number, phone or birth date. */
export function PatientPicker({ label, value, onChange, error }: Props) {
  const [query, setQuery] = useState(value ? patientLine(value) : '');
  const results = usePatientSearch(value ? '' : query);
  const combobox = useCombobox();
  useEffect(() => {
    if (results?.length) combobox.selectFirstOption();
  }, [results, combobox]);

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const p = results?.find((r) => String(r.id) === id) ?? null;
        onChange(p);
        if (p) setQuery(`${patientLine(p)} (${p.chartNumber})`);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          placeholder="Type a name, chart number or phone"
          leftSection={<Search size={16} />}
          value={query}
          error={error}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            if (value) onChange(null);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!results}>
        <Combobox.Options>
          {results?.length === 0 && <Combobox.Empty>No patient matches</Combobox.Empty>}
          {results?.map((p) => (
            <Combobox.Option value={String(p.id)} key={p.id}>
              <Text size="sm">
                {patientLine(p)} · {p.chartNumber} · born {p.dateOfBirth}
              </Text>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
