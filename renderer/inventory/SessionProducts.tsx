import { Alert, Anchor, Badge, Button, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import type { Lot } from '../../db/api/lots';
import type { Product } from '../../db/api/products';
import { sessionAddProductInput, type Session } from '../../db/api/sessions';
import type { Gs1Data } from '../../db/rules/gs1';
import { firstExpiringLot, localDay, lotUsableOn } from '../../db/rules/lots';
import { call, CommandError } from '../client';
import { checkInput, optional, showProblems } from '../forms/command-form';
import { dateTime, quantityWithUnit, treatmentLabel } from './format';
import { ScanField } from './ScanField';

interface UseForm {
  productId: string;
  lotId: string;
  quantity: string;
  area: string;
}

const lotOption = (l: Lot, day: string, suggested: Lot | null) => {
  const refusal = lotUsableOn(l, l.onHand, 0, day);
  const why = refusal ? (l.status !== 'active' ? l.status : 'expired') : l.id === suggested?.id ? 'suggested: expires first' : null;
  return {
    value: String(l.id),
    label: `${l.lotNumber} · expires ${l.expiresOn} · ${quantityWithUnit(l.onHand, l.unit)} left${why ? ` · ${why}` : ''}`,
    disabled: refusal !== null,
  };
};

/**
 * Point of use: pick (or scan) the lot that goes on this patient. The lot that expires first is
 * offered; expired, recalled and quarantined lots are shown but cannot be chosen, and the records
 * refuse them again on the session's date.
 */
export function LotPicker({ session, onAdded }: { session: Session; onAdded(s: Session): void }) {
  const day = localDay(new Date(session.performedAt));
  const [products, setProducts] = useState<Product[]>([]);
  const [lots, setLots] = useState<Lot[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, clearErrors, setValue, watch, formState } = useForm<UseForm>({ defaultValues: { productId: '', lotId: '', quantity: '', area: '' } });
  const productId = watch('productId');
  const product = products.find((p) => String(p.id) === productId);

  useEffect(() => {
    void call('products.list', {}).then((r) => setProducts(r.items));
  }, []);

  const loadLots = useCallback(
    async (id: string, pick?: string) => {
      if (!id) return setLots([]);
      const found = (await call('lots.list', { productId: Number(id) })).items;
      setLots(found);
      const suggestion = firstExpiringLot(found, day);
      setValue('lotId', pick ?? (suggestion ? String(suggestion.id) : ''));
    },
    [day, setValue],
  );

  const chooseProduct = async (id: string, pickLot?: string) => {
    setValue('productId', id);
    const p = products.find((x) => String(x.id) === id);
    setValue('quantity', p?.defaultQuantity ? String(p.defaultQuantity) : '');
    await loadLots(id, pickLot);
  };

  const onScan = async (data: Gs1Data) => {
    clearErrors();
    setProblem(null);
    const p = data.gtin ? products.find((x) => x.gtin === data.gtin) : product;
    if (!p) return setProblem(`No product in the catalogue has GTIN ${data.gtin}. Receive the stock first.`);
    if (!data.lot) return chooseProduct(String(p.id));
    const match = (await call('lots.list', { productId: p.id, lotNumber: data.lot, includeEmpty: true })).items[0];
    if (!match) {
      await chooseProduct(String(p.id));
      return setProblem(`Lot ${data.lot} of ${p.name} has not been received. Receive it before using it.`);
    }
    await chooseProduct(String(p.id), String(match.id));
    const refusal = lotUsableOn(match, match.onHand, 0, day);
    if (refusal) setError('lotId', { type: 'rule', message: refusal.message });
  };

  const submit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      const input = checkInput(sessionAddProductInput, {
        sessionId: session.id,
        lotId: v.lotId ? Number(v.lotId) : undefined,
        quantity: v.quantity.trim() === '' ? undefined : Number(v.quantity),
        area: optional(v.area),
      });
      const updated = await call('sessions.addProduct', input);
      const lot = lots.find((l) => l.id === input.lotId);
      notifications.show({ color: 'teal', message: `Recorded ${quantityWithUnit(input.quantity, lot?.unit ?? '')} of lot ${lot?.lotNumber ?? ''}` });
      onAdded(updated);
      setValue('area', '');
      await loadLots(v.productId, v.lotId);
    } catch (e) {
      setProblem(showProblems(e, setError, ['lotId', 'quantity', 'area']));
      if (!v.lotId) setError('lotId', { type: 'server', message: 'Choose a lot' });
    }
  });

  const suggested = firstExpiringLot(lots, day);
  const err = (k: keyof UseForm) => formState.errors[k]?.message;

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h3">
          Add a product used
        </Title>
        <ScanField label="Scan the vial, tube or box" description="Or choose the product and lot below" onScan={(d) => void onScan(d)} />
        <form onSubmit={submit} noValidate>
          <Stack>
            {problem && (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Controller
                control={control}
                name="productId"
                render={({ field }) => (
                  <NativeSelect
                    label="Product"
                    data={[{ value: '', label: 'Choose a product…' }, ...products.map((p) => ({ value: String(p.id), label: p.name + (p.strength ? ` (${p.strength})` : '') }))]}
                    name={field.name}
                    ref={field.ref}
                    value={field.value}
                    onChange={(e) => void chooseProduct(e.currentTarget.value)}
                  />
                )}
              />
              <Controller
                control={control}
                name="lotId"
                render={({ field }) => (
                  <NativeSelect
                    label="Lot"
                    description={product && lots.length === 0 ? 'No lot of this product is in stock' : undefined}
                    data={[{ value: '', label: lots.length ? 'Choose a lot…' : '—' }, ...lots.map((l) => lotOption(l, day, suggested))]}
                    {...field}
                    error={err('lotId')}
                  />
                )}
              />
              <TextInput label={`Quantity${product ? ` (${product.unit})` : ''}`} inputMode="decimal" {...register('quantity')} error={err('quantity')} />
              <TextInput label="Area or site" description="Optional, e.g. full face, left antecubital" {...register('area')} error={err('area')} />
            </SimpleGrid>
            <Group>
              <Button type="submit" size="lg" loading={formState.isSubmitting}>
                Add to session
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** A session's products by lot, and the point-of-use picker while it is a draft. */
export function SessionProducts() {
  const { id } = useParams();
  const [session, setSession] = useState<Session | null>(null);
  const [patientName, setPatientName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const s = await call('sessions.get', { id: Number(id) });
        setSession(s);
        const p = await call('patients.get', { id: s.patientId });
        setPatientName(`${p.firstName} ${p.lastName}`);
      } catch (e) {
        setProblem(e instanceof CommandError ? e.message : String(e));
      }
    })();
  }, [id]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!session) return <Loader aria-label="Loading session" />;

  return (
    <Stack maw={1100}>
      <div>
        <Title order={1} size="h2">
          Products used: {patientName}
        </Title>
        <Group gap="xs">
          <Text c="dimmed">
            {treatmentLabel(session.treatmentType)} · {dateTime(session.performedAt)}
          </Text>
          <Badge variant="light" color={session.status === 'signed' ? 'gray' : 'teal'}>
            {session.status === 'signed' ? 'Signed' : 'Draft'}
          </Badge>
          <Anchor href={`#/patients/${session.patientId}`}>Patient record</Anchor>
        </Group>
      </div>
      <Paper withBorder p="lg">
        {session.products.length === 0 ? (
          <Text c="dimmed">No product recorded yet.</Text>
        ) : (
          <Table verticalSpacing="sm" aria-label="Products used in this session">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Lot</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Quantity</Table.Th>
                <Table.Th>Area</Table.Th>
                <Table.Th>Recorded</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {session.products.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.productName}</Table.Td>
                  <Table.Td>{p.lotNumber}</Table.Td>
                  <Table.Td>{p.expiresOn}</Table.Td>
                  <Table.Td>{quantityWithUnit(p.quantity, p.unit)}</Table.Td>
                  <Table.Td>{p.area ?? '—'}</Table.Td>
                  <Table.Td>{dateTime(p.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {session.status === 'draft' && <LotPicker session={session} onAdded={setSession} />}
    </Stack>
  );
}
