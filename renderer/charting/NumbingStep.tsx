import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { AlertTriangle, Timer } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Lot } from '../../db/api/lots';
import type { Product } from '../../db/api/products';
import type { NumbingStepView } from '../../db/api/sessions';
import { isNumbingProduct, NUMBING_LIMIT_MINUTES, numbingMinutes } from '../../db/rules/chart';
import { firstExpiringLot, lotUsableOn } from '../../db/rules/lots';
import { call } from '../client';
import { quantityWithUnit } from '../inventory/format';
import { emptyNumbing, fromLocalInput, type NumbingForm } from './chart-form';
import { TimeField } from './ParameterFields';

const lotLabel = (l: Lot, day: string, suggested: Lot | null) => {
  const refusal = lotUsableOn(l, l.onHand, 0, day);
  const why = refusal ? (l.status !== 'active' ? l.status : 'expired') : l.id === suggested?.id ? 'suggested: expires first' : null;
  return { value: String(l.id), label: `${l.lotNumber} · expires ${l.expiresOn} · ${quantityWithUnit(l.onHand, l.unit)} left${why ? ` · ${why}` : ''}`, disabled: refusal !== null };
};

/** Minutes on the skin, ticking while the cream is on. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/**
 * The numbing-cream step: which cream (by lot, the one that expires first suggested), how much,
 * where, when it went on and came off. Recording the cream takes it off the shelf; the timer warns
 * past 60 minutes.
 */
export function NumbingStep({
  value,
  recorded,
  day,
  onChange,
  onRecord,
  problem,
}: {
  value: NumbingForm | null;
  /** The step as last saved, with the lot it recorded. */
  recorded: NumbingStepView | null;
  /** The session's day (YYYY-MM-DD): lots are judged on it. */
  day: string;
  onChange(n: NumbingForm | null): void;
  /** Records the cream; resolves with why it was refused, or null. */
  onRecord(n: NumbingForm): Promise<string | null>;
  problem(path: string): string | undefined;
}) {
  const [products, setProducts] = useState<Product[]>([]);
  const [lots, setLots] = useState<Lot[]>([]);
  const [productId, setProductId] = useState('');
  const [pick, setPick] = useState('');
  const [recordError, setRecordError] = useState<string | null>(null);
  const now = useMinute();
  const isRecorded = !!recorded?.sessionProductId;

  useEffect(() => {
    if (value && !isRecorded) void call('products.list', {}).then((r) => setProducts(r.items.filter((p) => p.active && isNumbingProduct(p))));
  }, [value, isRecorded]);

  const chooseProduct = async (id: string) => {
    setProductId(id);
    setPick('');
    if (!id) return setLots([]);
    const found = (await call('lots.list', { productId: Number(id) })).items;
    setLots(found);
    const suggestion = firstExpiringLot(found, day);
    setPick(suggestion ? String(suggestion.id) : '');
    const p = products.find((x) => String(x.id) === id);
    if (value && !value.quantity && p?.defaultQuantity) onChange({ ...value, quantity: String(p.defaultQuantity) });
  };

  if (!value) {
    return (
      <Paper withBorder p="lg">
        <Group justify="space-between">
          <div>
            <Title order={2} size="h3">
              Numbing cream
            </Title>
            <Text c="dimmed">None used in this session.</Text>
          </div>
          <Button size="lg" variant="light" onClick={() => onChange({ ...emptyNumbing })}>
            Add numbing cream
          </Button>
        </Group>
      </Paper>
    );
  }

  const set = (patch: Partial<NumbingForm>) => onChange({ ...value, ...patch });
  const product = products.find((p) => String(p.id) === productId);
  const unit = recorded?.unit ?? product?.unit ?? '';
  const minutes = numbingMinutes({ appliedAt: fromLocalInput(value.appliedAt), removedAt: fromLocalInput(value.removedAt) }, now);
  const over = minutes !== null && minutes > NUMBING_LIMIT_MINUTES;
  const canRecord = !isRecorded && pick !== '' && value.quantity.trim() !== '';

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3">
            Numbing cream
          </Title>
          {!isRecorded && (
            <Button variant="subtle" color="gray" onClick={() => onChange(null)}>
              Remove this step
            </Button>
          )}
        </Group>
        {isRecorded ? (
          <Text size="lg" role="status">
            <Badge color="teal" mr="xs">
              Recorded
            </Badge>
            {recorded.productName}, lot {recorded.lotNumber} (expires {recorded.expiresOn}), {quantityWithUnit(recorded.quantity ?? 0, unit)}
          </Text>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <NativeSelect
                size="lg"
                label="Numbing cream"
                data={[{ value: '', label: 'Choose the cream…' }, ...products.map((p) => ({ value: String(p.id), label: p.name + (p.strength ? ` (${p.strength})` : '') }))]}
                value={productId}
                onChange={(e) => void chooseProduct(e.currentTarget.value)}
              />
              <NativeSelect
                size="lg"
                label="Cream lot"
                description={product && lots.length === 0 ? 'No lot of this cream is in stock' : undefined}
                data={[{ value: '', label: lots.length ? 'Choose a lot…' : '—' }, ...lots.map((l) => lotLabel(l, day, firstExpiringLot(lots, day)))]}
                value={pick}
                onChange={(e) => {
                  setPick(e.currentTarget.value);
                  setRecordError(null);
                }}
                error={recordError ?? problem('numbing.lotId')}
              />
              <TextInput
                size="lg"
                inputMode="decimal"
                label={`Cream used${unit ? ` (${unit})` : ''}`}
                value={value.quantity}
                onChange={(e) => set({ quantity: e.currentTarget.value })}
                error={problem('numbing.quantity')}
              />
            </SimpleGrid>
            <Group>
              <Button size="lg" disabled={!canRecord} onClick={() => void onRecord({ ...value, lotId: pick }).then(setRecordError)}>
                Record the cream used
              </Button>
              <Text size="sm" c="dimmed">
                Takes it off the shelf and links the lot to this patient.
              </Text>
            </Group>
          </>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput size="lg" label="Where the cream was applied" description="e.g. full face, upper lip" value={value.area} onChange={(e) => set({ area: e.currentTarget.value })} error={problem('numbing.area')} />
          <Checkbox size="lg" mt={34} label="Covered with film (occluded)" checked={value.occluded} onChange={(e) => set({ occluded: e.currentTarget.checked })} />
          <TimeField label="Cream applied at" nowLabel="Applied now" value={value.appliedAt} onChange={(v) => set({ appliedAt: v })} error={problem('numbing.appliedAt')} />
          <TimeField label="Cream removed at" nowLabel="Removed now" value={value.removedAt} onChange={(v) => set({ removedAt: v })} error={problem('numbing.removedAt')} />
        </SimpleGrid>
        {minutes !== null && (
          over ? (
            <Alert color="orange" variant="filled" icon={<AlertTriangle />} role="alert" title={`Numbing cream ${value.removedAt ? 'was' : 'has been'} on for ${minutes} minutes`}>
              {value.removedAt ? `Over the ${NUMBING_LIMIT_MINUTES}-minute limit: note any reaction.` : `Over the ${NUMBING_LIMIT_MINUTES}-minute limit: remove it now.`}
            </Alert>
          ) : (
            <Text size="lg" role="status">
              <Timer size={18} style={{ verticalAlign: 'text-bottom' }} /> {value.removedAt ? `Was on for ${minutes} minutes` : `On for ${minutes} minutes`} (limit {NUMBING_LIMIT_MINUTES})
            </Text>
          )
        )}
      </Stack>
    </Paper>
  );
}
