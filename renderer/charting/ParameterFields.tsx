import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { TreatmentType } from '../../db/api/fields';
import { testSpotResults, treatmentFields, type FieldSpec } from '../../db/rules/treatment-parameters';
import { durationUnits, nowLocal, type ChartForm, type DurationUnit, type TestSpotForm } from './chart-form';
import { fieldLabel } from './labels';
import './charting.css';

/** A choice as a row of big tappable boxes (radio buttons): quick with gloves, clear to a screen reader. */
export function Choice({
  label,
  options,
  value,
  onChange,
  error,
  hint,
  disabled,
}: {
  label: string;
  options: readonly (readonly [string, string])[];
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean | undefined;
}) {
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset className="choice" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} disabled={disabled}>
      <legend>{label}</legend>
      {hint && (
        <Text size="sm" c="dimmed" mb={6}>
          {hint}
        </Text>
      )}
      <div className="choice-options">
        {options.map(([v, l]) => (
          <label key={v} className="choice-option">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
            <span>{l}</span>
          </label>
        ))}
        {value && !disabled && (
          <Button variant="subtle" size="sm" onClick={() => onChange('')} aria-label={`Clear ${label}`}>
            Clear
          </Button>
        )}
      </div>
      {error && (
        <div className="choice-error" id={errorId}>
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** A date and time with a "Now" button beside it. */
export function TimeField({ label, value, onChange, error, hint, nowLabel }: { label: string; value: string; onChange(v: string): void; error?: string | undefined; hint?: string | undefined; nowLabel?: string }) {
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput type="datetime-local" size="lg" label={label} description={hint} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} style={{ flex: 1 }} />
      <Button size="lg" variant="light" onClick={() => onChange(nowLocal())} aria-label={nowLabel ?? `${label}: now`} mb={error ? 24 : 0}>
        Now
      </Button>
    </Group>
  );
}

const yesNo = [
  ['yes', 'Yes'],
  ['no', 'No'],
] as const;

function TestSpotFields({ spec, value, onChange, problem }: { spec: FieldSpec; value: TestSpotForm; onChange(t: TestSpotForm): void; problem(path: string): string | undefined }) {
  const set = (patch: Partial<TestSpotForm>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="sm" p="md" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
      <Choice label="Test spot done?" hint={spec.hint} options={yesNo} value={value.done} onChange={(v) => set({ done: v as TestSpotForm['done'] })} error={problem('testSpot.done') ?? problem('testSpot')} />
      {value.done === 'yes' && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput size="lg" label="Test spot site" description="e.g. behind the left ear, under the jawline" value={value.site} onChange={(e) => set({ site: e.currentTarget.value })} error={problem('testSpot.site')} />
            <TimeField label="Test spot checked at" value={value.checkedAt} onChange={(v) => set({ checkedAt: v })} error={problem('testSpot.checkedAt')} />
          </SimpleGrid>
          <Choice label="Test spot result" options={testSpotResults} value={value.result} onChange={(v) => set({ result: v })} error={problem('testSpot.result')} />
        </>
      )}
      {value.done !== '' && (
        <Textarea
          label={value.done === 'no' ? 'Why no test spot' : 'Test spot note'}
          description={value.done === 'no' ? 'e.g. same device and settings as last session, no reaction then' : 'Optional; required when the result is "Other"'}
          autosize
          minRows={2}
          value={value.note}
          onChange={(e) => set({ note: e.currentTarget.value })}
          error={problem('testSpot.note')}
        />
      )}
    </Stack>
  );
}

/**
 * The treatment's parameters, built from its schema: each field with its label and unit, numbers
 * typed (a decimal comma is fine), choices as big boxes, times with a "Now" button.
 */
export function ParameterFields({ type, form, onChange, problem }: { type: TreatmentType; form: ChartForm; onChange(f: ChartForm): void; problem(path: string): string | undefined }) {
  const setP = (name: string, v: string) => onChange({ ...form, p: { ...form.p, [name]: v } });
  const fields = treatmentFields[type];
  const small: ReactNode[] = [];
  const wide: ReactNode[] = [];
  for (const [name, spec] of fields) {
    const error = problem(name);
    const value = form.p[name] ?? '';
    switch (spec.kind) {
      case 'number':
        small.push(<TextInput key={name} size="lg" inputMode="decimal" label={fieldLabel(spec)} description={spec.hint} value={value} onChange={(e) => setP(name, e.currentTarget.value)} error={error} />);
        break;
      case 'duration':
        small.push(
          <Group key={name} align="flex-start" gap="xs" wrap="nowrap">
            <TextInput size="lg" inputMode="decimal" label={spec.label} description={spec.hint} value={value} onChange={(e) => setP(name, e.currentTarget.value)} error={error} style={{ flex: 1 }} />
            <NativeSelect
              size="lg"
              label={`${spec.label} unit`}
              description={spec.hint ? ' ' : undefined}
              data={durationUnits.map(([u]) => u)}
              value={form.units[name] ?? 'ms'}
              onChange={(e) => onChange({ ...form, units: { ...form.units, [name]: e.currentTarget.value as DurationUnit } })}
            />
          </Group>,
        );
        break;
      case 'text':
        (spec.multiline ? wide : small).push(
          spec.multiline ? (
            <Textarea key={name} label={spec.label} description={spec.hint} autosize minRows={2} value={value} onChange={(e) => setP(name, e.currentTarget.value)} error={error} />
          ) : (
            <TextInput key={name} size="lg" label={spec.label} description={spec.hint} value={value} onChange={(e) => setP(name, e.currentTarget.value)} error={error} />
          ),
        );
        break;
      case 'instant':
        small.push(<TimeField key={name} label={spec.label} hint={spec.hint} value={value} onChange={(v) => setP(name, v)} error={error} />);
        break;
      case 'choice':
        wide.push(<Choice key={name} label={spec.label} hint={spec.hint} options={spec.options} value={value} onChange={(v) => setP(name, v)} error={error} />);
        break;
      case 'yesno':
        wide.push(<Choice key={name} label={spec.label} hint={spec.hint} options={yesNo} value={value} onChange={(v) => setP(name, v)} error={error} />);
        break;
      case 'testSpot':
        wide.push(<TestSpotFields key={name} spec={spec} value={form.testSpot} onChange={(t) => onChange({ ...form, testSpot: t })} problem={problem} />);
        break;
    }
  }
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {small}
      </SimpleGrid>
      {wide}
    </Stack>
  );
}
