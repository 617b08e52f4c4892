// Chart completeness, the numbing-cream step and the warnings a practitioner sees while charting:
// pure, checked on screen as the chart fills in and again when a session is signed.
import type { TreatmentType } from '../api/fields';
import { adverseTestSpotResults, fieldSpec, labelWithUnit, mappedTreatments, requiredProduct, requiredToSign, testSpotResults, type TestSpot } from './treatment-parameters';

export interface NumbingStep {
  lotId?: number | undefined;
  area?: string | undefined;
  appliedAt?: string | undefined;
  removedAt?: string | undefined;
}

/** A product recorded on the session, as the rules see it. */
export interface ProductFacts {
  ingredients: readonly string[];
  kind: string;
}

export interface ChartFacts {
  treatmentType: TreatmentType;
  parameters: Record<string, unknown>;
  areaCount: number;
  /** Every product recorded on the session by lot (numbing cream included). */
  products: readonly ProductFacts[];
  numbing?: NumbingStep | null | undefined;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Ingredients that make a product a numbing (topical anaesthetic) cream. */
export const anaestheticIngredients: readonly string[] = ['lidocaine', 'prilocaine', 'tetracaine', 'benzocaine'];
export const isNumbingProduct = (p: ProductFacts) => p.kind === 'topical' && p.ingredients.some((i) => anaestheticIngredients.includes(i));

/**
 * The fields still missing before this chart can be signed (empty when complete): the type's
 * required parameters, what a test spot or a reaction needs said about it, areas for mapped
 * treatments, the product by lot where the product is the treatment, and an unfinished numbing step.
 */
export function chartMissingFields(chart: ChartFacts): string[] {
  const p = chart.parameters;
  const missing = requiredToSign[chart.treatmentType].filter((f) => !present(p[f]));
  const spot = p.testSpot as Partial<TestSpot> | undefined;
  if (spot?.done === true) {
    if (!present(spot.site)) missing.push('testSpot.site');
    if (!present(spot.result)) missing.push('testSpot.result');
    else if (spot.result === 'other' && !present(spot.note)) missing.push('testSpot.note');
  }
  if (spot?.done === false && !present(spot.note)) missing.push('testSpot.note');
  if (present(p.tolerance) && p.tolerance !== 'well_tolerated' && !present(p.reactionNote)) missing.push('reactionNote');
  if (mappedTreatments.includes(chart.treatmentType) && chart.areaCount === 0) missing.push('areas');
  const needed = requiredProduct[chart.treatmentType];
  if (needed && !chart.products.some((x) => (!needed.ingredient || x.ingredients.includes(needed.ingredient)) && (!needed.kinds || needed.kinds.includes(x.kind)))) {
    missing.push('products');
  }
  if (chart.numbing) {
    for (const f of ['lotId', 'area', 'appliedAt', 'removedAt'] as const) if (!present(chart.numbing[f])) missing.push(`numbing.${f}`);
  }
  return missing;
}

const otherLabels: Record<string, string> = {
  'testSpot.site': 'Test spot: where it was done',
  'testSpot.result': 'Test spot: what it showed',
  'testSpot.note': 'Test spot: a note (why none was done, or what "other" means)',
  areas: 'Areas treated',
  'numbing.lotId': 'Numbing cream: the lot used',
  'numbing.area': 'Numbing cream: where it was applied',
  'numbing.appliedAt': 'Numbing cream: when it was applied',
  'numbing.removedAt': 'Numbing cream: when it was removed',
};

/** A missing field in the words the practitioner reads ("Fluence (J/cm²)"). */
export function missingFieldLabel(type: TreatmentType, field: string): string {
  if (field === 'products') return requiredProduct[type]?.label ?? 'Products used, by lot';
  const known = otherLabels[field];
  if (known) return known;
  const spec = fieldSpec(type, field);
  return spec ? labelWithUnit(spec) : field;
}

/** The longest a numbing cream should stay on the skin. */
export const NUMBING_LIMIT_MINUTES = 60;

/** Minutes a numbing cream was on (or has been on, if not yet removed, at `now`). */
export const numbingMinutes = (step: NumbingStep, now: Date): number | null => {
  if (!step.appliedAt) return null;
  const end = step.removedAt ? new Date(step.removedAt) : now;
  return Math.round((end.getTime() - new Date(step.appliedAt).getTime()) / 60000);
};

/** A warning when the cream was on longer than the limit (a warning, not a refusal: it has already happened). */
export const numbingWarning = (step: NumbingStep, now: Date): string | null => {
  const minutes = numbingMinutes(step, now);
  if (minutes === null || minutes <= NUMBING_LIMIT_MINUTES) return null;
  return step.removedAt
    ? `Numbing cream was on for ${minutes} minutes, over the ${NUMBING_LIMIT_MINUTES}-minute limit`
    : `Numbing cream has been on for ${minutes} minutes, over the ${NUMBING_LIMIT_MINUTES}-minute limit: remove it now`;
};

/**
 * What the practitioner should see while charting, without blocking: the numbing time limit, a test
 * spot that reacted badly, repeated cannulation attempts, and a reaction during the treatment.
 * (Contraindication warnings come from the rules table, separately.)
 */
export function chartWarnings(chart: Pick<ChartFacts, 'parameters' | 'numbing'>, now: Date): string[] {
  const warnings: string[] = [];
  const numbing = chart.numbing ? numbingWarning(chart.numbing, now) : null;
  if (numbing) warnings.push(numbing);
  const spot = chart.parameters.testSpot as Partial<TestSpot> | undefined;
  if (spot?.done && spot.result && adverseTestSpotResults.includes(spot.result)) {
    const words = testSpotResults.find(([v]) => v === spot.result)?.[1] ?? spot.result;
    warnings.push(`The test spot showed: ${words.toLowerCase()}. Review the settings before treating.`);
  }
  const attempts = chart.parameters.attempts;
  if (typeof attempts === 'number' && attempts > 2) warnings.push(`${attempts} cannulation attempts: more than two; consider asking a colleague before another.`);
  const tolerance = chart.parameters.tolerance;
  if (tolerance === 'stopped_early') warnings.push('The treatment was stopped early: record the reaction and what was done.');
  return warnings;
}

/** The depths a mark may carry per treatment: the map's generic range is wider than any one needle. */
export const markDepthRange: Partial<Record<TreatmentType, readonly [number, number]>> = {
  microneedling: [0.25, 3.0],
  mesotherapy: [0.5, 4],
};

/** Problems with the marks for this treatment, named by their place in the list (`areas.1.depthMm`). */
export function areaMarkProblems(type: TreatmentType, marks: readonly { depthMm?: number | undefined }[]): { path: string; message: string }[] {
  const range = markDepthRange[type];
  if (!range) return [];
  const [min, max] = range;
  return marks.flatMap((m, i) =>
    m.depthMm !== undefined && (m.depthMm < min || m.depthMm > max) ? [{ path: `areas.${i}.depthMm`, message: `must be from ${min} to ${max} mm for ${type.replace('_', ' ')}` }] : [],
  );
}
