// How inventory facts read on screen and on paper.
import type { LotStatus } from '../../db/api/lots';
import { localDay } from '../../db/rules/lots';
import { treatmentLabels, type TreatmentType } from '../../db/api/fields';

// Units that read the same for one or many: "55 each", never "55 eachs".
const UNCOUNTED = new Set(['each']);

/** "2.5 mL", "1 vial", "3 vials", "55 each": up to three decimals; word units (vial, bag, ampoule) take a plural. */
export const quantityWithUnit = (q: number, unit: string): string => {
  const n = Number(q.toFixed(3));
  const plural = Math.abs(n) !== 1 && /^[a-z]{3,}$/.test(unit) && !unit.endsWith('s') && !UNCOUNTED.has(unit);
  return `${n} ${plural ? `${unit}s` : unit}`;
};

export const statusLabel: Record<LotStatus, string> = { active: 'In use', quarantined: 'Quarantined', recalled: 'Recalled' };
export const statusColour: Record<LotStatus, string> = { active: 'teal', quarantined: 'orange', recalled: 'red' };

export const kindLabel = { injectable: 'Injectable', infusion: 'Infusion', topical: 'Topical', serum: 'Serum', peel: 'Peel', other: 'Other' } as const;

export const treatmentLabel = (t: string): string => treatmentLabels[t as TreatmentType] ?? t;

/** Today in the clinic, as YYYY-MM-DD. */
export const today = (): string => localDay(new Date());

/** An instant as the clinic reads it: "2026-03-02 09:30". */
export const dateTime = (iso: string): string => {
  const d = new Date(iso);
  return `${localDay(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
