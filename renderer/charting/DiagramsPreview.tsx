import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../client';
import { useUser } from '../session';
import { BodyMap } from './BodyMap';
import { BodyMapPrint } from './BodyMapPrint';
import type { AreaMark, MapProduct } from './marks';

/**
 * Settings → Face and body diagrams: the map charting uses, to look at and try, with how it
 * prints on a session summary. Nothing here is saved.
 */
export function DiagramsPreview() {
  const user = useUser();
  const [marks, setMarks] = useState<AreaMark[]>([]);
  const [products, setProducts] = useState<MapProduct[]>([]);
  const clinical = user.role !== 'front_desk';

  useEffect(() => {
    if (!clinical) return;
    void Promise.all([call('products.list', {}), call('lots.list', {})]).then(([p, l]) =>
      setProducts(
        p.items
          .filter((x) => x.active)
          .map((x) => ({
            id: x.id,
            name: x.name,
            unit: x.unit,
            lots: l.items.filter((lot) => lot.productId === x.id && lot.status === 'active' && !lot.expired).map((lot) => ({ id: lot.id, lotNumber: lot.lotNumber, expiresOn: lot.expiresOn })),
          })),
      ),
    );
  }, [clinical]);

  if (!clinical) return <Alert color="gray">The face and body diagrams are part of the clinical record.</Alert>;
  return (
    <Stack maw={1200}>
      <div>
        <Title order={1} size="h2">
          Face and body diagrams
        </Title>
        <Text c="dimmed">
          The map used when charting a treatment. Try it here: nothing on this page is saved. The drawings are the files in the
          app&rsquo;s <code>resources/diagrams</code> folder. {user.role === 'admin' && <Anchor component={Link} to="/settings">Back to settings</Anchor>}
        </Text>
      </div>
      <Paper withBorder p="lg">
        <BodyMap value={marks} onChange={setMarks} fields={['product', 'amount', 'depthMm', 'passes']} products={products} />
      </Paper>
      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="sm">
          As printed on the session summary
        </Title>
        <BodyMapPrint marks={marks} products={products} />
      </Paper>
    </Stack>
  );
}
