// Typed parameters per treatment type. Drafts may be partial (autosave), so every field is
// optional here and each type lists the fields a chart needs before it can be signed.
import { z } from 'zod';
import type { TreatmentType } from '../api/fields';

const num = (label: string, min: number, max: number, opts: { int?: boolean; exclusiveMin?: boolean } = {}) => {
  const base = opts.int ? z.int({ error: `must be a whole number (${label})` }) : z.number({ error: `must be a number (${label})` });
  const lower = opts.exclusiveMin
    ? base.gt(min, { error: `must be more than ${min} ${label}` })
    : base.min(min, { error: `must be at least ${min} ${label}` });
  return lower.max(max, { error: `must be at most ${max} ${label}` });
};
const text = (max = 200) => z.string({ error: 'must be text' }).trim().min(1, { error: 'is required' }).max(max, { error: `must be at most ${max} characters` });
const instant = z.iso.datetime({ offset: true, error: 'must be a date and time (ISO-8601)' });

/** A test spot before a light treatment: where, and what was seen when it was checked. */
export const testSpot = z.strictObject({
  done: z.boolean({ error: 'must be true or false' }),
  site: text(120).optional(),
  result: z.enum(['no_reaction', 'expected_erythema', 'blistering', 'pigment_change', 'other'], { error: 'must be a known test spot result' }).optional(),
  checkedAt: instant.optional(),
  note: text(500).optional(),
});

const cooling = z.enum(['none', 'contact', 'cryogen_spray', 'cold_air', 'ice_pack'], { error: 'must be a known cooling method' });

const laser = z.strictObject({
  device: text(),
  wavelengthNm: num('nm', 190, 11000, { int: true }),
  fluenceJcm2: num('J/cm²', 0, 1000, { exclusiveMin: true }),
  spotSizeMm: num('mm', 0, 50, { exclusiveMin: true }),
  pulseWidthMs: num('ms', 0, 1000, { exclusiveMin: true }),
  repetitionHz: num('Hz', 0, 100, { exclusiveMin: true }),
  passes: num('passes', 1, 20, { int: true }),
  cooling,
  testSpot,
  endpoint: text(200),
});

const ipl = z.strictObject({
  device: text(),
  /** The cut-off filter, in nm. */
  wavelengthNm: num('nm', 400, 1200, { int: true }),
  fluenceJcm2: num('J/cm²', 0, 100, { exclusiveMin: true }),
  spotSizeMm: num('mm', 0, 100, { exclusiveMin: true }),
  pulseWidthMs: num('ms', 0, 200, { exclusiveMin: true }),
  pulses: num('pulses', 1, 10, { int: true }),
  passes: num('passes', 1, 10, { int: true }),
  cooling,
  testSpot,
  endpoint: text(200),
});

const microneedling = z.strictObject({
  device: text(),
  needleDepthMm: num('mm', 0.25, 3.0),
  passes: num('passes', 1, 10, { int: true }),
  endpoint: z.enum(['erythema', 'pinpoint_bleeding', 'other'], { error: 'must be erythema, pinpoint_bleeding or other' }),
});

const ivGlutathione = z.strictObject({
  doseMg: num('mg', 0, 5000, { exclusiveMin: true }),
  diluent: z.enum(['normal_saline', 'sterile_water', 'lactated_ringers', 'dextrose_5'], { error: 'must be a known diluent' }),
  volumeMl: num('mL', 0, 1000, { exclusiveMin: true }),
  rateMlPerHour: num('mL/h', 0, 2000, { exclusiveMin: true }),
  cannulaGauge: num('G', 14, 27, { int: true }),
  site: text(120),
  attempts: num('attempts', 1, 5, { int: true }),
  startedAt: instant,
  stoppedAt: instant,
  tolerance: z.enum(['well_tolerated', 'mild_reaction', 'stopped_early'], { error: 'must be well_tolerated, mild_reaction or stopped_early' }),
});

const glutathioneInjection = z.strictObject({
  doseMg: num('mg', 0, 2400, { exclusiveMin: true }),
  route: z.enum(['intravenous_push', 'intramuscular'], { error: 'must be intravenous_push or intramuscular' }),
  site: text(120),
  needleGauge: num('G', 18, 32, { int: true }),
});

const chemicalPeel = z.strictObject({
  agent: text(120),
  strengthPercent: num('%', 0, 100, { exclusiveMin: true }),
  ph: num('pH', 0, 14),
  layers: num('layers', 1, 10, { int: true }),
  contactMinutes: num('minutes', 0, 60, { exclusiveMin: true }),
  neutraliser: text(120),
  endpoint: z.enum(['none', 'erythema', 'light_frost', 'even_frost', 'solid_frost'], { error: 'must be a known peel endpoint' }),
});

const mesotherapy = z.strictObject({
  technique: z.enum(['nappage', 'papule', 'point_by_point', 'linear'], { error: 'must be a known technique' }),
  depthMm: num('mm', 0.5, 4, {}),
  needleGauge: num('G', 27, 34, { int: true }),
  totalVolumeMl: num('mL', 0, 20, { exclusiveMin: true }),
});

const cryotherapy = z.strictObject({
  method: z.enum(['spray', 'probe', 'cotton_tip'], { error: 'must be spray, probe or cotton_tip' }),
  freezeSeconds: num('s', 1, 60, { int: true }),
  cycles: num('cycles', 1, 3, { int: true }),
  lesionsTreated: num('lesions', 1, 200, { int: true }),
});

const microdermabrasion = z.strictObject({
  device: text(),
  method: z.enum(['crystal', 'diamond_tip', 'hydro'], { error: 'must be crystal, diamond_tip or hydro' }),
  passes: num('passes', 1, 6, { int: true }),
  suction: z.enum(['low', 'medium', 'high'], { error: 'must be low, medium or high' }),
});

const partial = <T extends z.ZodRawShape>(s: z.ZodObject<T>) => s.partial();

/** Each type's parameters; every field optional so a draft can be saved at any point. */
export const treatmentParameters = {
  laser: partial(laser),
  ipl: partial(ipl),
  microneedling: partial(microneedling),
  iv_glutathione: partial(ivGlutathione),
  glutathione_injection: partial(glutathioneInjection),
  chemical_peel: partial(chemicalPeel),
  mesotherapy: partial(mesotherapy),
  cryotherapy: partial(cryotherapy),
  microdermabrasion: partial(microdermabrasion),
} satisfies Record<TreatmentType, z.ZodType>;

export type TreatmentParameters<T extends TreatmentType> = z.infer<(typeof treatmentParameters)[T]>;

/** What a chart of each type must record before it can be signed. */
export const requiredToSign: Record<TreatmentType, readonly string[]> = {
  laser: ['device', 'wavelengthNm', 'fluenceJcm2', 'spotSizeMm', 'pulseWidthMs', 'passes', 'testSpot'],
  ipl: ['device', 'wavelengthNm', 'fluenceJcm2', 'pulseWidthMs', 'passes', 'testSpot'],
  microneedling: ['device', 'needleDepthMm', 'passes', 'endpoint'],
  iv_glutathione: ['doseMg', 'diluent', 'volumeMl', 'rateMlPerHour', 'cannulaGauge', 'site', 'attempts', 'startedAt', 'stoppedAt', 'tolerance'],
  glutathione_injection: ['doseMg', 'route', 'site'],
  chemical_peel: ['agent', 'strengthPercent', 'layers', 'contactMinutes', 'endpoint'],
  mesotherapy: ['technique', 'depthMm', 'totalVolumeMl'],
  cryotherapy: ['method', 'freezeSeconds', 'cycles', 'lesionsTreated'],
  microdermabrasion: ['device', 'method', 'passes'],
};

/** Treatments charted on the face or body map (an infusion or injection records its site instead). */
export const mappedTreatments: readonly TreatmentType[] = ['laser', 'ipl', 'microneedling', 'chemical_peel', 'mesotherapy', 'cryotherapy', 'microdermabrasion'];

/** Units shown next to each numeric field. */
export const parameterUnits: Record<string, string> = {
  wavelengthNm: 'nm',
  fluenceJcm2: 'J/cm²',
  spotSizeMm: 'mm',
  pulseWidthMs: 'ms',
  repetitionHz: 'Hz',
  needleDepthMm: 'mm',
  doseMg: 'mg',
  volumeMl: 'mL',
  rateMlPerHour: 'mL/h',
  cannulaGauge: 'G',
  needleGauge: 'G',
  strengthPercent: '%',
  contactMinutes: 'min',
  depthMm: 'mm',
  totalVolumeMl: 'mL',
  freezeSeconds: 's',
};
