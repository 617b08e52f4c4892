import { Anchor, Badge, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { PackagePlus, Printer, Search, Tags } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Lot } from '../../db/api/lots';
import type { Product } from '../../db/api/products';
import { daysUntilExpiry } from '../../db/rules/lots';
import { call } from '../client';
import { useUser } from '../session';
import { kindLabel, quantityWithUnit, statusColour, statusLabel, today } from './format';
import './inventory.css';

type View = 'stock' | 'expiring' | 'products';
const views: View[] = ['stock', 'expiring', 'products'];
const dayChoices = ['30', '60', '90'];

function LotsTable({ lots, label }: { lots: Lot[]; label: string }) {
  const navigate = useNavigate();
  const day = today();
  if (lots.length === 0) return <Text c="dimmed">No lots to show.</Text>;
  return (
    <Table verticalSpacing="sm" highlightOnHover aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th>Lot</Table.Th>
          <Table.Th>Expires</Table.Th>
          <Table.Th>On hand</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lots.map((l) => {
          const days = daysUntilExpiry(l.expiresOn, day);
          return (
            <Table.Tr key={l.id} onClick={() => navigate(`/inventory/lots/${l.id}`)} style={{ cursor: 'pointer' }}>
              <Table.Td>{l.productName}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/inventory/lots/${l.id}`}>
                  {l.lotNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {l.expiresOn}{' '}
                <Text span size="sm" c={l.expired ? 'red' : days <= 30 ? 'orange' : 'dimmed'}>
                  {l.expired ? '(expired)' : days === 0 ? '(last day)' : `(${days} days)`}
                </Text>
              </Table.Td>
              <Table.Td>{quantityWithUnit(l.onHand, l.unit)}</Table.Td>
              <Table.Td>
                <Badge color={statusColour[l.status]} variant="light">
                  {statusLabel[l.status]}
                </Badge>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function ProductsStock({ products }: { products: Product[] }) {
  return (
    <Table verticalSpacing="sm" aria-label="Stock by product">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Usable on hand</Table.Th>
          <Table.Th>Reorder at</Table.Th>
          <Table.Th>Lots in stock</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {products.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              {p.name}
              {p.strength && (
                <Text span c="dimmed" size="sm">
                  {' '}
                  {p.strength}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{kindLabel[p.kind]}</Table.Td>
            <Table.Td>
              {quantityWithUnit(p.onHand, p.unit)}{' '}
              {p.lowStock && (
                <Badge color="orange" variant="light">
                  Low
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{p.reorderLevel === null ? '—' : quantityWithUnit(p.reorderLevel, p.unit)}</Table.Td>
            <Table.Td>{p.lotsInStock}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Stock at a glance: lots on hand, what expires soon, and usable stock per product. Printable. */
export function InventoryHome() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const view = (views.includes(params.get('view') as View) ? params.get('view') : 'stock') as View;
  const days = dayChoices.includes(params.get('days') ?? '') ? params.get('days')! : '30';
  const [productId, setProductId] = useState('');
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const [lots, setLots] = useState<Lot[]>([]);
  const [products, setProducts] = useState<Product[]>([]);

  useEffect(() => {
    void call('products.list', {}).then((r) => setProducts(r.items));
  }, []);
  useEffect(() => {
    if (view === 'products') return;
    const input = view === 'expiring' ? { expiringWithinDays: Number(days) } : { includeEmpty, ...(productId && { productId: Number(productId) }) };
    void call('lots.list', input).then((r) => setLots(r.items));
  }, [view, days, productId, includeEmpty]);

  const go = (next: Record<string, string>) => setParams({ view, ...(view === 'expiring' && { days }), ...next });

  return (
    <Stack maw={1100} className="inventory-page">
      <Group justify="space-between" className="print-hide">
        <Title order={1} size="h2">
          Inventory
        </Title>
        <Group>
          {user.role === 'admin' && (
            <Button component={Link} to="/inventory/receive" leftSection={<PackagePlus size={18} />}>
              Receive stock
            </Button>
          )}
          <Button component={Link} to="/inventory/products" variant="default" leftSection={<Tags size={18} />}>
            Products
          </Button>
          <Button component={Link} to="/inventory/recall" variant="default" leftSection={<Search size={18} />}>
            Recall lookup
          </Button>
        </Group>
      </Group>
      <Group justify="space-between" className="print-hide">
        <SegmentedControl
          aria-label="Report"
          value={view}
          onChange={(v) => setParams(v === 'expiring' ? { view: v, days } : { view: v })}
          data={[
            { value: 'stock', label: 'Lots on hand' },
            { value: 'expiring', label: 'Expiring soon' },
            { value: 'products', label: 'Stock by product' },
          ]}
        />
        <Button variant="subtle" leftSection={<Printer size={18} />} onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      <Paper withBorder p="lg">
        <Title order={2} size="h3" mb="sm">
          {view === 'stock' ? 'Lots on hand' : view === 'expiring' ? `Expiring within ${days} days, and expired stock still on the shelf` : 'Usable stock by product'}
        </Title>
        <Text className="print-only" mb="sm">
          As of {today()}
        </Text>
        {view === 'expiring' && (
          <SegmentedControl className="print-hide" mb="md" aria-label="Days ahead" value={days} onChange={(d) => go({ days: d })} data={dayChoices.map((d) => ({ value: d, label: `${d} days` }))} />
        )}
        {view === 'stock' && (
          <Group mb="md" className="print-hide" align="flex-end">
            <NativeSelect
              label="Product"
              value={productId}
              onChange={(e) => setProductId(e.currentTarget.value)}
              data={[{ value: '', label: 'All products' }, ...products.map((p) => ({ value: String(p.id), label: p.name + (p.strength ? ` (${p.strength})` : '') }))]}
            />
            <Switch label="Include used-up lots" checked={includeEmpty} onChange={(e) => setIncludeEmpty(e.currentTarget.checked)} mb={8} />
          </Group>
        )}
        {view === 'products' ? <ProductsStock products={products} /> : <LotsTable lots={lots} label={view === 'expiring' ? 'Expiring lots' : 'Lots on hand'} />}
      </Paper>
    </Stack>
  );
}
