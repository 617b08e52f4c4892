// Chart completeness and the numbing-cream time limit: pure, checked before a session is signed.
import type { TreatmentType } from '../api/fields';
import { mappedTreatments, requiredToSign } from './treatment-parameters';

export interface NumbingStep {
  lotId?: number | undefined;
  area?: string | undefined;
  appliedAt?: string | undefined;
  removedAt?: string | undefined;
}

export interface ChartFacts {
  treatmentType: TreatmentType;
  parameters: Record<string, unknown>;
  areaCount: number;
  numbing?: NumbingStep | null | undefined;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The fields still missing before this chart can be signed (empty when complete). */
export function chartMissingFields(chart: ChartFacts): string[] {
  const missing = requiredToSign[chart.treatmentType].filter((f) => !present(chart.parameters[f]));
  const spot = chart.parameters.testSpot as { done?: boolean; result?: unknown } | undefined;
  if (spot?.done && !present(spot.result)) missing.push('testSpot.result');
  if (mappedTreatments.includes(chart.treatmentType) && chart.areaCount === 0) missing.push('areas');
  if (chart.numbing) {
    for (const f of ['lotId', 'area', 'appliedAt', 'removedAt'] as const) if (!present(chart.numbing[f])) missing.push(`numbing.${f}`);
  }
  return missing;
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
  return minutes !== null && minutes > NUMBING_LIMIT_MINUTES
    ? `Numbing cream was on for ${minutes} minutes, over the ${NUMBING_LIMIT_MINUTES}-minute limit`
    : null;
};
