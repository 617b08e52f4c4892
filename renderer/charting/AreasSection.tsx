import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { FieldIssue } from '../../db/api';
import type { SessionProduct } from '../../db/api/sessions';
import type { AreaMark } from '../../db/rules/body-map';
import { parseNumber } from './chart-form';

/** Places named often enough to be one tap away. */
const commonAreas = ['Forehead', 'Left cheek', 'Right cheek', 'Nose', 'Upper lip', 'Chin', 'Full face', 'Neck', 'Décolletage'];

/** A label as a zone id: "Left cheek" → left_cheek. */
export const zoneOf = (label: string): string =>
  label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60) || 'area';

interface Draft {
  label: string;
  lotId: string;
  amount: string;
  depthMm: string;
  passes: string;
  note: string;
}
const emptyDraft: Draft = { label: '', lotId: '', amount: '', depthMm: '', passes: '', note: '' };

/** One mark in words, for the list and for screen readers. */
export function markDetails(m: AreaMark, products: readonly SessionProduct[]): string {
  const product = m.lotId !== undefined ? products.find((p) => p.lotId === m.lotId) : undefined;
  return [
    product && `${product.productName}, lot ${product.lotNumber}`,
    m.amount !== undefined && `${m.amount}${m.unit ? ` ${m.unit}` : ''}`,
    m.depthMm !== undefined && `depth ${m.depthMm} mm`,
    m.passes !== undefined && `${m.passes} ${m.passes === 1 ? 'pass' : 'passes'}`,
    m.note,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The areas treated, as a list: a name, and optionally the product (by lot), amount, depth and
 * passes used there. Stored as body-map marks (face_front zones named by the label), so the face
 * and body diagrams can take over this list later.
 */
export function AreasSection({
  marks,
  products,
  onChange,
  issues,
  readOnly = false,
}: {
  marks: AreaMark[];
  products: readonly SessionProduct[];
  onChange(marks: AreaMark[]): void;
  issues: readonly FieldIssue[];
  readOnly?: boolean;
}) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  const lots = [...new Map(products.map((p) => [p.lotId, p])).values()];
  const chosen = lots.find((p) => String(p.lotId) === draft.lotId);
  const listIssues = issues.filter((i) => i.path === 'areas' || i.path.startsWith('areas.'));

  const add = () => {
    const found: Partial<Record<keyof Draft, string>> = {};
    const label = draft.label.trim();
    if (!label) found.label = 'Name the area, e.g. left cheek';
    const num = (k: 'amount' | 'depthMm' | 'passes') => {
      const v = parseNumber(draft[k]);
      if (typeof v === 'string') found[k] = 'Must be a number';
      return typeof v === 'number' ? v : undefined;
    };
    const amount = num('amount');
    const depthMm = num('depthMm');
    const passes = num('passes');
    if (passes !== undefined && !Number.isInteger(passes)) found.passes = 'Must be a whole number';
    setProblems(found);
    if (Object.keys(found).length) return;
    const mark: AreaMark = {
      id: `m${Date.now().toString(36)}${marks.length}`,
      diagram: 'face_front',
      kind: 'zone',
      zone: zoneOf(label),
      label,
      ...(chosen && { productId: chosen.productId, lotId: chosen.lotId, unit: chosen.unit }),
      ...(amount !== undefined && { amount }),
      ...(depthMm !== undefined && { depthMm }),
      ...(passes !== undefined && { passes }),
      ...(draft.note.trim() && { note: draft.note.trim() }),
    };
    onChange([...marks, mark]);
    setDraft(emptyDraft);
  };

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h3" id="areas-heading">
          Areas treated
        </Title>
        {marks.length === 0 ? (
          <Text c="dimmed">No area recorded yet.</Text>
        ) : (
          <Table verticalSpacing="sm" aria-labelledby="areas-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Area</Table.Th>
                <Table.Th>Product, amount, depth, passes</Table.Th>
                {!readOnly && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {marks.map((m, i) => (
                <Table.Tr key={m.id}>
                  <Table.Td fw={600}>{m.label}</Table.Td>
                  <Table.Td>
                    {markDetails(m, products) || '—'}
                    {listIssues
                      .filter((x) => x.path.startsWith(`areas.${i}.`))
                      .map((x) => (
                        <Text key={x.path} c="red" size="sm">
                          {x.path.split('.').slice(2).join('.')}: {x.message}
                        </Text>
                      ))}
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      <Button variant="subtle" color="red" size="md" leftSection={<Trash2 size={16} />} aria-label={`Remove ${m.label}`} onClick={() => onChange(marks.filter((x) => x.id !== m.id))}>
                        Remove
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {listIssues.some((x) => x.path === 'areas') && (
          <Alert color="red" role="alert">
            {listIssues.find((x) => x.path === 'areas')!.message}
          </Alert>
        )}
        {!readOnly && (
          <Stack gap="sm" p="md" style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 8 }}>
            <Group gap="xs" aria-label="Common areas" role="group">
              {commonAreas.map((a) => (
                <Button key={a} variant={draft.label === a ? 'filled' : 'default'} size="md" onClick={() => setDraft({ ...draft, label: a })}>
                  {a}
                </Button>
              ))}
            </Group>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <TextInput size="lg" label="Area" description="Tap a common area or type one" value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })} error={problems.label} />
              <NativeSelect
                size="lg"
                label="Product used there (optional)"
                description={lots.length ? 'A product recorded in this session' : 'Record products first to link them'}
                data={[{ value: '', label: '—' }, ...lots.map((p) => ({ value: String(p.lotId), label: `${p.productName} · lot ${p.lotNumber}` }))]}
                value={draft.lotId}
                onChange={(e) => setDraft({ ...draft, lotId: e.currentTarget.value })}
              />
              <TextInput size="lg" inputMode="decimal" label={`Amount${chosen ? ` (${chosen.unit})` : ''} (optional)`} value={draft.amount} onChange={(e) => setDraft({ ...draft, amount: e.currentTarget.value })} error={problems.amount} />
              <TextInput size="lg" inputMode="decimal" label="Depth (mm, optional)" value={draft.depthMm} onChange={(e) => setDraft({ ...draft, depthMm: e.currentTarget.value })} error={problems.depthMm} />
              <TextInput size="lg" inputMode="numeric" label="Passes (optional)" value={draft.passes} onChange={(e) => setDraft({ ...draft, passes: e.currentTarget.value })} error={problems.passes} />
              <TextInput size="lg" label="Area note (optional)" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.currentTarget.value })} />
            </SimpleGrid>
            <Group>
              <Button size="lg" onClick={add}>
                Add area
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
