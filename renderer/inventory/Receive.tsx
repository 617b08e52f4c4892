import { Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { lotReceiveInput, type Lot } from '../../db/api/lots';
import type { Product } from '../../db/api/products';
import type { Gs1Data } from '../../db/rules/gs1';
import { call } from '../client';
import { checkInput, optional, showProblems } from '../forms/command-form';
import { quantityWithUnit, today } from './format';
import { ScanField } from './ScanField';

interface ReceiveForm {
  productId: string;
  lotNumber: string;
  expiresOn: string;
  quantity: string;
  supplier: string;
  invoice: string;
  receivedOn: string;
  gtin: string;
}

const fields = ['productId', 'lotNumber', 'expiresOn', 'quantity', 'supplier', 'invoice', 'receivedOn', 'gtin'] as const;

/** Admin: a delivery goes on the shelf. Scan the box first; type only what the scan could not fill. */
export function Receive() {
  const [products, setProducts] = useState<Product[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [received, setReceived] = useState<Lot[]>([]);
  const scanRef = useRef<HTMLInputElement>(null);
  const quantityRef = useRef<HTMLInputElement | null>(null);
  const { register, handleSubmit, setError, clearErrors, reset, setValue, watch, getValues, formState } = useForm<ReceiveForm>({
    defaultValues: { productId: '', lotNumber: '', expiresOn: '', quantity: '', supplier: '', invoice: '', receivedOn: today(), gtin: '' },
  });

  useEffect(() => {
    void call('products.list', {}).then((r) => setProducts(r.items));
  }, []);

  const product = products.find((p) => String(p.id) === watch('productId'));

  const onScan = (data: Gs1Data) => {
    clearErrors();
    setProblem(null);
    setNotice(null);
    if (data.gtin) {
      setValue('gtin', data.gtin);
      const match = products.find((p) => p.gtin === data.gtin);
      if (match) setValue('productId', String(match.id));
      else setNotice(`No product in the catalogue has GTIN ${data.gtin} yet. Choose the product: the GTIN will be saved with it.`);
    }
    if (data.lot) setValue('lotNumber', data.lot);
    if (data.expiresOn) setValue('expiresOn', data.expiresOn);
    quantityRef.current?.focus();
  };

  const submit = handleSubmit(async (form) => {
    setProblem(null);
    try {
      const input = checkInput(lotReceiveInput, {
        productId: form.productId ? Number(form.productId) : undefined,
        lotNumber: form.lotNumber,
        expiresOn: form.expiresOn,
        quantity: form.quantity.trim() === '' ? undefined : Number(form.quantity),
        supplier: optional(form.supplier),
        invoice: optional(form.invoice),
        receivedOn: optional(form.receivedOn),
        gtin: optional(form.gtin),
      });
      const lot = await call('lots.receive', input);
      notifications.show({ color: 'teal', message: `Received ${quantityWithUnit(input.quantity, lot.unit)} of lot ${lot.lotNumber}; ${quantityWithUnit(lot.onHand, lot.unit)} on hand` });
      setReceived((r) => [lot, ...r.filter((l) => l.id !== lot.id)]);
      setNotice(null);
      // The next box is usually from the same delivery: keep supplier, invoice and date.
      reset({ ...getValues(), productId: '', lotNumber: '', expiresOn: '', quantity: '', gtin: '' });
      void call('products.list', {}).then((r) => setProducts(r.items));
      scanRef.current?.focus();
    } catch (e) {
      setProblem(showProblems(e, setError, fields));
      if (!form.productId) setError('productId', { type: 'server', message: 'Choose a product' });
    }
  });

  const err = (k: keyof ReceiveForm) => formState.errors[k]?.message;
  const quantityField = register('quantity');

  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Receive stock
        </Title>
        <Anchor component={Link} to="/inventory">
          Back to inventory
        </Anchor>
      </Group>
      <Paper withBorder p="lg">
        <Stack>
          <ScanField
            ref={scanRef}
            label="Scan barcode"
            description="Scan the box or vial; or type its code, e.g. (01)09506000134352(17)271231(10)GLU-2291, and press Enter"
            autoFocus
            onScan={onScan}
          />
          {notice && (
            <Alert color="blue" role="status">
              {notice}
            </Alert>
          )}
          <form onSubmit={submit} noValidate>
            <Stack>
              {problem && (
                <Alert color="red" role="alert">
                  {problem}
                </Alert>
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label="Product"
                  data={[{ value: '', label: 'Choose a product…' }, ...products.map((p) => ({ value: String(p.id), label: `${p.name}${p.strength ? ` (${p.strength})` : ''}` }))]}
                  {...register('productId')}
                  error={err('productId')}
                />
                <TextInput label="GTIN" description="From the barcode; optional" {...register('gtin')} error={err('gtin')} />
                <TextInput label="Lot number" {...register('lotNumber')} error={err('lotNumber')} />
                <TextInput
                  label={product?.compounded ? 'Beyond-use date' : 'Expiry date'}
                  type="date"
                  {...register('expiresOn')}
                  error={err('expiresOn')}
                />
                <TextInput
                  label="Quantity received"
                  description={product ? `In ${product.unit}` : undefined}
                  inputMode="decimal"
                  {...quantityField}
                  ref={(el) => {
                    quantityField.ref(el);
                    quantityRef.current = el;
                  }}
                  error={err('quantity')}
                />
                <TextInput label="Received on" type="date" {...register('receivedOn')} error={err('receivedOn')} />
                <TextInput label="Supplier" {...register('supplier')} error={err('supplier')} />
                <TextInput label="Invoice number" {...register('invoice')} error={err('invoice')} />
              </SimpleGrid>
              <Group>
                <Button type="submit" size="lg" loading={formState.isSubmitting}>
                  Receive
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Paper>
      {received.length > 0 && (
        <Paper withBorder p="lg" aria-label="Received just now">
          <Title order={2} size="h4" mb="sm">
            Received just now
          </Title>
          <Stack gap={4}>
            {received.map((l) => (
              <Text key={l.id}>
                <Anchor component={Link} to={`/inventory/lots/${l.id}`}>
                  {l.productName} · lot {l.lotNumber}
                </Anchor>{' '}
                · expires {l.expiresOn} · {quantityWithUnit(l.onHand, l.unit)} on hand
              </Text>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
