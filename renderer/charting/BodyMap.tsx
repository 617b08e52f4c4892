import { Badge, Box, Button, Fieldset, Group, NativeSelect, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { MapPin, Plus, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { DiagramPicture } from './DiagramPicture';
import { diagramArt, diagramLabels, diagrams as allDiagrams, zoneAt, type Diagram, type Point, type Zone } from './diagrams';
import { markDetails, markProblems, MAX_MARKS, placeOf, pointMark, zoneMark, type AreaMark, type MapProduct, type MarkField } from './marks';
import './charting.css';

export type { AreaMark, Diagram, MapProduct, MarkField };

export interface BodyMapProps {
  value: AreaMark[];
  onChange(marks: AreaMark[]): void;
  /** The diagrams offered, in order; all five when not given. */
  diagrams?: Diagram[];
  /** What each mark carries besides its place, as the treatment needs. */
  fields?: MarkField[];
  products?: MapProduct[];
  readOnly?: boolean;
}

type Mode = 'zone' | 'point';

/** A mark without the optional keys that were cleared, so what is stored is what is shown. */
const tidy = (mark: AreaMark): AreaMark =>
  Object.fromEntries(Object.entries(mark).filter(([k, v]) => v !== undefined && !(v === '' && (k === 'unit' || k === 'note')))) as AreaMark;

const numberOrNothing = (v: number | string): number | undefined | null => (typeof v === 'number' ? v : v === '' ? undefined : null);

/**
 * The face and body map: tap a zone to shade it or tap to place a point; each mark is listed,
 * numbered, editable and removable. Controlled: the marks live with whoever renders it.
 */
export function BodyMap({ value, onChange, diagrams = [...allDiagrams], fields = [], products = [], readOnly = false }: BodyMapProps) {
  const ids = useId();
  const [diagram, setDiagram] = useState<Diagram>(() => value.find((m) => diagrams.includes(m.diagram))?.diagram ?? diagrams[0] ?? 'face_front');
  const [mode, setMode] = useState<Mode>('zone');
  const [selected, setSelected] = useState<string | null>(null);
  const [zoneChoice, setZoneChoice] = useState('');
  const art = diagramArt(diagram);
  const numbered = value.map((mark, i) => ({ mark, number: i + 1 }));
  const full = value.length >= MAX_MARKS;

  const add = (mark: AreaMark) => {
    if (full) return;
    onChange([...value, mark]);
    setSelected(mark.id);
  };
  const update = (id: string, patch: Partial<AreaMark>) => onChange(value.map((m) => (m.id === id ? tidy({ ...m, ...patch } as AreaMark) : m)));
  const remove = (id: string) => {
    onChange(value.filter((m) => m.id !== id));
    if (selected === id) setSelected(null);
  };

  /** A zone chosen by tap, keyboard or the list: shade it (or select its mark), or put a point in it. */
  const chooseZone = (zone: Zone) => {
    if (mode === 'point') return add(pointMark(diagram, zone.inside, zone.label));
    const existing = value.find((m) => m.diagram === diagram && m.kind === 'zone' && m.zone === zone.id);
    if (existing) setSelected(existing.id);
    else add(zoneMark(diagram, zone));
  };
  const placePoint = (p: Point) => add(pointMark(diagram, p, zoneAt(art, p)?.label ?? art.title));

  const productOf = (m: AreaMark) => products.find((p) => p.id === m.productId);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" className="body-map">
      <Stack gap="sm">
        <div>
          <Text fw={600} size="sm" id={`${ids}-diagram`} mb={4}>
            Diagram
          </Text>
          <Group gap="xs" role="group" aria-labelledby={`${ids}-diagram`}>
            {diagrams.map((d) => {
              const count = value.filter((m) => m.diagram === d).length;
              return (
                <Button
                  key={d}
                  size="md"
                  variant={d === diagram ? 'filled' : 'default'}
                  aria-pressed={d === diagram}
                  onClick={() => setDiagram(d)}
                  rightSection={count > 0 ? <Badge size="sm" variant={d === diagram ? 'white' : 'light'} aria-label={`${count} ${count === 1 ? 'mark' : 'marks'}`}>{count}</Badge> : null}
                >
                  {diagramLabels[d]}
                </Button>
              );
            })}
          </Group>
        </div>
        {!readOnly && (
          <div>
            <Text fw={600} size="sm" id={`${ids}-mode`} mb={4}>
              Tapping the picture
            </Text>
            <SegmentedControl
              aria-labelledby={`${ids}-mode`}
              size="md"
              value={mode}
              onChange={(v) => setMode(v as Mode)}
              data={[
                { value: 'zone', label: 'Shades a zone' },
                { value: 'point', label: 'Places a point' },
              ]}
            />
          </div>
        )}
        <Box className="body-map__picture">
          <DiagramPicture
            diagram={diagram}
            marks={numbered}
            selected={selected}
            {...(!readOnly && {
              onZone: chooseZone,
              ...(mode === 'point' && { onSpot: placePoint }),
              onMark: (m: AreaMark) => setSelected(m.id),
            })}
          />
        </Box>
        <Text size="xs" c="dimmed">
          Left and right are the patient&rsquo;s own.
        </Text>
      </Stack>

      <Stack gap="sm">
        <Title order={3} size="h4" id={`${ids}-marks`}>
          Marked areas ({value.length})
        </Title>
        {!readOnly && (
          <Group align="flex-end" gap="xs">
            <NativeSelect
              label={`Zone on ${diagramLabels[diagram].toLowerCase()}`}
              value={zoneChoice}
              onChange={(e) => setZoneChoice(e.currentTarget.value)}
              data={[{ value: '', label: 'Choose a zone…' }, ...art.zones.map((z) => ({ value: z.id, label: z.label }))]}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button
              size="md"
              leftSection={<Plus size={18} />}
              disabled={!zoneChoice || full}
              onClick={() => {
                const zone = art.zones.find((z) => z.id === zoneChoice);
                if (!zone) return;
                // A zone already shaded is selected, not shaded twice; the select is kept for the next one.
                chooseZone(zone);
                setZoneChoice('');
              }}
            >
              {mode === 'zone' ? 'Shade zone' : 'Add point'}
            </Button>
          </Group>
        )}
        {full && !readOnly && <Text c="orange">A session holds at most {MAX_MARKS} marks.</Text>}
        {value.length === 0 ? (
          <Text c="dimmed">{readOnly ? 'No areas were marked.' : 'No areas marked yet. Tap the picture, or choose a zone above.'}</Text>
        ) : (
          <ol className="body-map__list" aria-labelledby={`${ids}-marks`}>
            {numbered.map(({ mark, number }) => {
              const details = markDetails(mark, products);
              if (readOnly) {
                return (
                  <li key={mark.id}>
                    <Text fw={600}>{mark.label}</Text>
                    <Text size="sm" c="dimmed">
                      {placeOf(mark)}
                    </Text>
                    {details.length > 0 && <Text size="sm">{details.join('; ')}</Text>}
                  </li>
                );
              }
              const problems = markProblems(mark);
              const product = productOf(mark);
              return (
                <li key={mark.id} className={mark.id === selected ? 'is-selected' : undefined}>
                  <Fieldset legend={`Mark ${number}: ${mark.label || '(no name)'}`} variant="filled" onFocus={() => setSelected(mark.id)}>
                    <Stack gap="xs">
                      <Group justify="space-between" gap="xs">
                        <Text size="sm" c="dimmed">
                          {placeOf(mark)}
                        </Text>
                        <Group gap="xs">
                          {mark.diagram !== diagram && (
                            <Button
                              variant="subtle"
                              size="compact-md"
                              leftSection={<MapPin size={16} />}
                              onClick={() => {
                                setDiagram(mark.diagram);
                                setSelected(mark.id);
                              }}
                            >
                              Show
                            </Button>
                          )}
                          <Button variant="light" color="red" size="compact-md" leftSection={<Trash2 size={16} />} aria-label={`Remove mark ${number} (${mark.label})`} onClick={() => remove(mark.id)}>
                            Remove
                          </Button>
                        </Group>
                      </Group>
                      <TextInput label="Place" value={mark.label} onChange={(e) => update(mark.id, { label: e.currentTarget.value })} error={problems.label} />
                      {fields.includes('product') && (
                        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                          <NativeSelect
                            label="Product"
                            value={mark.productId !== undefined ? String(mark.productId) : ''}
                            onChange={(e) => {
                              const next = products.find((p) => String(p.id) === e.currentTarget.value);
                              update(mark.id, { productId: next?.id, lotId: undefined, unit: mark.unit || next?.unit });
                            }}
                            data={[{ value: '', label: 'None' }, ...products.map((p) => ({ value: String(p.id), label: p.name }))]}
                            error={problems.productId}
                          />
                          <NativeSelect
                            label="Lot"
                            disabled={!product}
                            value={mark.lotId !== undefined ? String(mark.lotId) : ''}
                            onChange={(e) => update(mark.id, { lotId: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}
                            data={[
                              { value: '', label: product ? 'Choose a lot…' : 'Choose a product first' },
                              ...(product?.lots ?? []).map((l) => ({ value: String(l.id), label: `${l.lotNumber} · expires ${l.expiresOn}` })),
                            ]}
                            error={problems.lotId}
                          />
                        </SimpleGrid>
                      )}
                      {(fields.includes('amount') || fields.includes('depthMm') || fields.includes('passes')) && (
                        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                          {fields.includes('amount') && (
                            <>
                              <NumberInput
                                label="Amount"
                                min={0}
                                max={1000}
                                decimalScale={3}
                                value={mark.amount ?? ''}
                                onChange={(v) => {
                                  const n = numberOrNothing(v);
                                  if (n !== null) update(mark.id, { amount: n });
                                }}
                                error={problems.amount}
                              />
                              <TextInput label="Unit" value={mark.unit ?? ''} onChange={(e) => update(mark.id, { unit: e.currentTarget.value })} error={problems.unit} />
                            </>
                          )}
                          {fields.includes('depthMm') && (
                            <NumberInput
                              label="Depth (mm)"
                              min={0.1}
                              max={4}
                              step={0.25}
                              decimalScale={2}
                              value={mark.depthMm ?? ''}
                              onChange={(v) => {
                                const n = numberOrNothing(v);
                                if (n !== null) update(mark.id, { depthMm: n });
                              }}
                              error={problems.depthMm}
                            />
                          )}
                          {fields.includes('passes') && (
                            <NumberInput
                              label="Passes"
                              min={1}
                              max={20}
                              allowDecimal={false}
                              value={mark.passes ?? ''}
                              onChange={(v) => {
                                const n = numberOrNothing(v);
                                if (n !== null) update(mark.id, { passes: n });
                              }}
                              error={problems.passes}
                            />
                          )}
                        </SimpleGrid>
                      )}
                      <TextInput label="Note" value={mark.note ?? ''} onChange={(e) => update(mark.id, { note: e.currentTarget.value })} error={problems.note} />
                      {problems.mark && <Text c="red" size="sm">{problems.mark}</Text>}
                      {details.length > 0 && (
                        <Text size="sm" c="dimmed" aria-hidden="true">
                          {details.join('; ')}
                        </Text>
                      )}
                    </Stack>
                  </Fieldset>
                </li>
              );
            })}
          </ol>
        )}
      </Stack>
    </SimpleGrid>
  );
}
