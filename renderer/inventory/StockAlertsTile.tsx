import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { PackageCheck, PackageX } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../client';
import { useUser } from '../session';

interface Counts {
  expired: number;
  expiringSoon: number;
  lowStock: number;
}

/** The home screen's stock tile for those who chart and order: expiring lots and low stock, at a glance. */
export function StockAlertsTile() {
  const user = useUser();
  const clinical = user.role !== 'front_desk';
  const [counts, setCounts] = useState<Counts | null>(null);

  useEffect(() => {
    if (!clinical) return;
    void Promise.all([call('lots.list', { expiringWithinDays: 30 }), call('products.list', {})])
      .then(([lots, products]) =>
        setCounts({
          expired: lots.items.filter((l) => l.expired).length,
          expiringSoon: lots.items.filter((l) => !l.expired && l.status !== 'recalled').length,
          lowStock: products.items.filter((p) => p.lowStock).length,
        }),
      )
      .catch(() => setCounts(null));
  }, [clinical]);

  if (!clinical || !counts) return null;
  const calm = counts.expired + counts.expiringSoon + counts.lowStock === 0;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <Paper withBorder p="md" aria-label="Stock alerts" component="section">
      <Group align="flex-start" wrap="nowrap">
        {calm ? <PackageCheck size={28} color="var(--mantine-color-teal-6)" /> : <PackageX size={28} color="var(--mantine-color-orange-6)" />}
        <Stack gap={2}>
          <Text fw={600}>Stock</Text>
          {calm && <Text c="dimmed">No lot expires in the next 30 days and nothing is below its reorder level.</Text>}
          {counts.expired > 0 && (
            <Anchor component={Link} to="/inventory?view=expiring&days=30" c="red">
              {plural(counts.expired, 'expired lot is', 'expired lots are')} still on the shelf
            </Anchor>
          )}
          {counts.expiringSoon > 0 && (
            <Anchor component={Link} to="/inventory?view=expiring&days=30">
              {plural(counts.expiringSoon, 'lot expires', 'lots expire')} within 30 days
            </Anchor>
          )}
          {counts.lowStock > 0 && (
            <Anchor component={Link} to="/inventory?view=products">
              {plural(counts.lowStock, 'product is', 'products are')} low on stock
            </Anchor>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
