import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import type { FieldIssue } from '../../db/api';
import type { TreatmentType } from '../../db/api/fields';
import type { SessionProduct } from '../../db/api/sessions';
import type { AreaMark } from '../../db/rules/body-map';
import { BodyMap } from './BodyMap';
import type { MapProduct, MarkField } from './marks';

/** What each mapped treatment records at a place, besides the place itself. */
const fieldsFor: Partial<Record<TreatmentType, MarkField[]>> = {
  laser: ['passes'],
  ipl: ['passes'],
  microneedling: ['product', 'depthMm', 'passes'],
  chemical_peel: ['product', 'passes'],
  mesotherapy: ['product', 'amount', 'depthMm'],
  cryotherapy: ['passes'],
  microdermabrasion: ['passes'],
};

/** The products used in the session (by lot), as the map offers them for a mark. */
export const mapProductsOf = (products: readonly SessionProduct[]): MapProduct[] => {
  const byProduct = new Map<number, MapProduct>();
  for (const p of products) {
    const entry = byProduct.get(p.productId) ?? { id: p.productId, name: p.productName, unit: p.unit, lots: [] };
    if (!entry.lots.some((l) => l.id === p.lotId)) entry.lots.push({ id: p.lotId, lotNumber: p.lotNumber, expiresOn: p.expiresOn });
    byProduct.set(p.productId, entry);
  }
  return [...byProduct.values()];
};

/** The areas treated, marked on the face and body diagrams; each mark carries what the treatment needs. */
export function AreasMap({
  treatmentType,
  marks,
  products,
  onChange,
  issues,
  readOnly = false,
}: {
  treatmentType: TreatmentType;
  marks: AreaMark[];
  products: readonly SessionProduct[];
  onChange(marks: AreaMark[]): void;
  issues: readonly FieldIssue[];
  readOnly?: boolean;
}) {
  const problems = issues.filter((i) => i.path === 'areas' || i.path.startsWith('areas.'));
  return (
    <Paper withBorder p="lg">
      <Stack>
        <div>
          <Title order={2} size="h3">
            Areas treated
          </Title>
          <Text c="dimmed" size="sm">
            Tap a zone to shade it, or choose it from the list under the picture. Products appear here once they are recorded above.
          </Text>
        </div>
        {problems.map((p) => (
          <Alert key={p.path + p.message} color="red" role="alert">
            {p.message}
          </Alert>
        ))}
        <BodyMap value={marks} onChange={onChange} fields={fieldsFor[treatmentType] ?? []} products={mapProductsOf(products)} readOnly={readOnly} />
      </Stack>
    </Paper>
  );
}
