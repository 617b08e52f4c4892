import { Badge, Combobox, Group, Kbd, Text, TextInput, useCombobox } from '@mantine/core';
import { Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { flagLabel } from '../flags';
import { patientLine, usePatientSearch } from './patient-search';

/** Whether a key press is going into a text field (where "/" is just a character). */
const isTyping = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
};

/** Patient search in the header of every screen; "/" jumps to it from anywhere. */
export function GlobalSearch() {
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const results = usePatientSearch(query);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    // Enter opens the best match straight away.
    if (results?.length) combobox.selectFirstOption();
  }, [results, combobox]);

  const open = (id: string) => {
    setQuery('');
    combobox.closeDropdown();
    input.current?.blur();
    navigate(`/patients/${id}`);
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} width={520} position="bottom-start">
      <Combobox.Target>
        <TextInput
          ref={input}
          id="global-patient-search"
          label="Search patients"
          size="sm"
          w={420}
          placeholder="Name, chart number, phone or birth date"
          leftSection={<Search size={16} />}
          rightSection={<Kbd title="Press / on any screen to search">/</Kbd>}
          rightSectionPointerEvents="none"
          styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { whiteSpace: 'nowrap' }, wrapper: { flex: 1 } }}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setQuery('');
              e.currentTarget.blur();
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={results === null}>
        <Combobox.Options aria-label="Patients found">
          {results?.length === 0 && <Combobox.Empty>No patient matches “{query}”</Combobox.Empty>}
          {results?.map((p) => (
            <Combobox.Option value={String(p.id)} key={p.id}>
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text size="sm" fw={600}>
                    {patientLine(p)}
                  </Text>
                  <Text size="xs" opacity={0.85}>
                    {p.chartNumber} · born {p.dateOfBirth}
                    {p.phone ? ` · ${p.phone}` : ''}
                  </Text>
                </div>
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  {p.archivedAt && (
                    <Badge color="gray" variant="light" size="sm">
                      archived
                    </Badge>
                  )}
                  {p.flags.slice(0, 2).map((f) => (
                    <Badge key={f} color="red" variant="light" size="sm">
                      {flagLabel(f)}
                    </Badge>
                  ))}
                </Group>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
