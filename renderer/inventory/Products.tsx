import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Plus } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { productKinds } from '../../db/api/fields';
import { productCreateInput, productUpdateInput, type Product } from '../../db/api/products';
import { call, CommandError } from '../client';
import { checkInput, listOf, optional, showProblems } from '../forms/command-form';
import { useUser } from '../session';
import { kindLabel, quantityWithUnit } from './format';

interface ProductFormValues {
  name: string;
  kind: string;
  manufacturer: string;
  strength: string;
  unit: string;
  ingredients: string;
  gtin: string;
  code: string;
  defaultQuantity: string;
  compounded: boolean;
  compoundingPharmacy: string;
  reorderLevel: string;
}

const fields = ['name', 'kind', 'manufacturer', 'strength', 'unit', 'ingredients', 'gtin', 'code', 'defaultQuantity', 'compounded', 'compoundingPharmacy', 'reorderLevel'] as const;

const blank: ProductFormValues = {
  name: '',
  kind: 'serum',
  manufacturer: '',
  strength: '',
  unit: '',
  ingredients: '',
  gtin: '',
  code: '',
  defaultQuantity: '',
  compounded: false,
  compoundingPharmacy: '',
  reorderLevel: '',
};

const valuesOf = (p: Product): ProductFormValues => ({
  name: p.name,
  kind: p.kind,
  manufacturer: p.manufacturer ?? '',
  strength: p.strength ?? '',
  unit: p.unit,
  ingredients: p.ingredients.join(', '),
  gtin: p.gtin ?? '',
  code: p.code ?? '',
  defaultQuantity: p.defaultQuantity === null ? '' : String(p.defaultQuantity),
  compounded: p.compounded,
  compoundingPharmacy: p.compoundingPharmacy ?? '',
  reorderLevel: p.reorderLevel === null ? '' : String(p.reorderLevel),
});

const numberOrBlank = (v: string) => (v.trim() === '' ? undefined : Number(v));

/** Form text as contract input; when editing, blanks clear the field (null). */
const inputOf = (v: ProductFormValues, clear: boolean) => {
  const none = clear ? null : undefined;
  return {
    name: v.name,
    kind: v.kind,
    manufacturer: optional(v.manufacturer) ?? none,
    strength: optional(v.strength) ?? none,
    unit: v.unit,
    ingredients: listOf(v.ingredients),
    gtin: optional(v.gtin) ?? none,
    code: optional(v.code) ?? none,
    defaultQuantity: numberOrBlank(v.defaultQuantity) ?? none,
    compounded: v.compounded,
    compoundingPharmacy: optional(v.compoundingPharmacy) ?? none,
    reorderLevel: numberOrBlank(v.reorderLevel) ?? none,
  };
};

function ProductForm({ initial, submitLabel, onSubmit, onCancel }: { initial: ProductFormValues; submitLabel: string; onSubmit(v: ProductFormValues): Promise<void>; onCancel?(): void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, watch, formState } = useForm<ProductFormValues>({ defaultValues: initial });
  const err = (k: keyof ProductFormValues) => formState.errors[k]?.message;
  const submit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      await onSubmit(v);
    } catch (e) {
      setProblem(showProblems(e, setError, fields));
    }
  });
  const compounded = watch('compounded');
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Product name" {...register('name')} error={err('name')} />
          <NativeSelect label="Kind" data={productKinds.map((k) => ({ value: k, label: kindLabel[k] }))} {...register('kind')} error={err('kind')} />
          <TextInput label="Strength" description="e.g. 600 mg per vial, 20%" {...register('strength')} error={err('strength')} />
          <TextInput label="Unit" description="What stock is counted in: vial, mL, g, ampoule, bag" {...register('unit')} error={err('unit')} />
          <TextInput label="Manufacturer" {...register('manufacturer')} error={err('manufacturer')} />
          <TextInput label="Ingredients" description="Comma-separated, e.g. lidocaine, prilocaine" {...register('ingredients')} error={err('ingredients')} />
          <TextInput label="GTIN" description="8 to 14 digits from the barcode" {...register('gtin')} error={err('gtin')} />
          <TextInput label="NDC or other code" {...register('code')} error={err('code')} />
          <TextInput label="Usual quantity per use" inputMode="decimal" {...register('defaultQuantity')} error={err('defaultQuantity')} />
          <TextInput label="Reorder level" description="Low stock at or below this usable quantity" inputMode="decimal" {...register('reorderLevel')} error={err('reorderLevel')} />
        </SimpleGrid>
        <Checkbox label="Compounded or office-use item (lots carry a beyond-use date)" {...register('compounded')} />
        {compounded && <TextInput label="Compounding pharmacy" {...register('compoundingPharmacy')} error={err('compoundingPharmacy')} />}
        <Group>
          <Button type="submit" loading={formState.isSubmitting}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The product catalogue: what the clinic stocks. Admins edit it; everyone who charts can read it. */
export function Products() {
  const user = useUser();
  const admin = user.role === 'admin';
  const [items, setItems] = useState<Product[]>([]);
  const [showRetired, setShowRetired] = useState(false);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Product | null>(null);

  const load = useCallback(() => call('products.list', { includeRetired: showRetired }).then((r) => setItems(r.items)), [showRetired]);
  useEffect(() => {
    void load();
  }, [load]);

  const setActive = async (p: Product, active: boolean) => {
    try {
      await call('products.update', { id: p.id, version: p.version, active });
      await load();
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof CommandError ? e.message : String(e) });
    }
  };

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Products
        </Title>
        <Group>
          <Anchor component={Link} to="/inventory">
            Back to inventory
          </Anchor>
          {admin && (
            <Button leftSection={<Plus size={18} />} onClick={() => setAdding(true)}>
              New product
            </Button>
          )}
        </Group>
      </Group>
      <Switch label="Show retired products" checked={showRetired} onChange={(e) => setShowRetired(e.currentTarget.checked)} />
      <Paper withBorder>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Products">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Ingredients</Table.Th>
              <Table.Th>GTIN</Table.Th>
              <Table.Th>Usable on hand</Table.Th>
              <Table.Th>Reorder at</Table.Th>
              {admin && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Text fw={600}>{p.name}</Text>
                  <Text size="sm" c="dimmed">
                    {[p.strength, p.manufacturer, p.compounded ? `compounded by ${p.compoundingPharmacy}` : null].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>{kindLabel[p.kind]}</Table.Td>
                <Table.Td>{p.ingredients.join(', ')}</Table.Td>
                <Table.Td>{p.gtin ?? '—'}</Table.Td>
                <Table.Td>
                  {quantityWithUnit(p.onHand, p.unit)}{' '}
                  {p.lowStock && (
                    <Badge color="orange" variant="light">
                      Low
                    </Badge>
                  )}
                  {!p.active && (
                    <Badge color="gray" variant="light">
                      Retired
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{p.reorderLevel === null ? '—' : quantityWithUnit(p.reorderLevel, p.unit)}</Table.Td>
                {admin && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}${p.strength ? ` ${p.strength}` : ''}`}>
                        Edit
                      </Button>
                      <Button size="xs" variant="subtle" color={p.active ? 'gray' : 'teal'} onClick={() => void setActive(p, !p.active)}>
                        {p.active ? 'Retire' : 'Make active'}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <Modal opened={adding} onClose={() => setAdding(false)} title="New product" size="xl">
        <ProductForm
          initial={blank}
          submitLabel="Add product"
          onCancel={() => setAdding(false)}
          onSubmit={async (v) => {
            const created = await call('products.create', checkInput(productCreateInput, inputOf(v, false)));
            notifications.show({ color: 'teal', message: `${created.name} added to the catalogue` });
            setAdding(false);
            await load();
          }}
        />
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.name}` : ''} size="xl">
        {editing && (
          <ProductForm
            initial={valuesOf(editing)}
            submitLabel="Save product"
            onCancel={() => setEditing(null)}
            onSubmit={async (v) => {
              await call('products.update', checkInput(productUpdateInput, { id: editing.id, version: editing.version, ...inputOf(v, true) }));
              notifications.show({ color: 'teal', message: 'Product saved' });
              setEditing(null);
              await load();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
