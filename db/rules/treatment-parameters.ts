// Typed parameters per treatment type, declared once as data: the zod schema that checks them, the
// labels and units the charting screen and the printed summary show, and what a chart needs to be
// signed. Drafts may be partial (autosave), so every field is optional in the schema and each type
// lists the fields required before signing. Ranges are sensible limits that catch a slip of the
// finger (a fluence of 250 typed for 2.5 on a pigment laser still passes; a depth of 30 mm does not).
import { z } from 'zod';
import type { TreatmentType } from '../api/fields';

/** How one field is asked for on screen and written on paper. */
export type FieldSpec =
  | { kind: 'number'; label: string; unit?: string; min: number; max: number; int?: boolean; exclusiveMin?: boolean; hint?: string }
  /** A pulse width: stored in ms, entered and printed in ps, ns, µs or ms. */
  | { kind: 'duration'; label: string; min: number; max: number; hint?: string }
  | { kind: 'text'; label: string; max: number; multiline?: boolean; hint?: string }
  | { kind: 'choice'; label: string; options: readonly (readonly [string, string])[]; hint?: string }
  | { kind: 'instant'; label: string; hint?: string }
  | { kind: 'yesno'; label: string; hint?: string }
  | { kind: 'testSpot'; label: string; hint?: string };

interface Field<S extends z.ZodType = z.ZodType> {
  spec: FieldSpec;
  schema: S;
}

const numberSchema = (unit: string, min: number, max: number, int: boolean, exclusiveMin: boolean) => {
  const u = unit ? ` ${unit}` : '';
  const base = int ? z.int({ error: `must be a whole number${unit ? ` of ${unit}` : ''}` }) : z.number({ error: `must be a number${unit ? ` in ${unit}` : ''}` });
  const lower = exclusiveMin ? base.gt(min, { error: `must be more than ${min}${u}` }) : base.min(min, { error: `must be at least ${min}${u}` });
  return lower.max(max, { error: `must be at most ${max}${u}` });
};

const num = (label: string, unit: string, min: number, max: number, opts: { int?: boolean; exclusiveMin?: boolean; hint?: string } = {}): Field<z.ZodNumber> => ({
  spec: { kind: 'number', label, ...(unit && { unit }), min, max, ...opts },
  schema: numberSchema(unit, min, max, opts.int ?? false, opts.exclusiveMin ?? false),
});

const duration = (label: string, maxMs: number, hint?: string): Field<z.ZodNumber> => ({
  spec: { kind: 'duration', label, min: 0, max: maxMs, ...(hint && { hint }) },
  schema: z.number({ error: 'must be a number in ms' }).gt(0, { error: 'must be more than 0 ms' }).max(maxMs, { error: `must be at most ${maxMs} ms` }),
});

const textSchema = (max: number) =>
  z.string({ error: 'must be text' }).trim().min(1, { error: 'is required' }).max(max, { error: `must be at most ${max} characters` });

const text = (label: string, max: number, opts: { multiline?: boolean; hint?: string } = {}): Field<ReturnType<typeof textSchema>> => ({
  spec: { kind: 'text', label, max, ...opts },
  schema: textSchema(max),
});

const choice = (label: string, options: readonly (readonly [string, string])[], hint?: string): Field<z.ZodType<string>> => ({
  spec: { kind: 'choice', label, options, ...(hint && { hint }) },
  schema: z.enum(options.map(([v]) => v) as [string, ...string[]], { error: `must be one of: ${options.map(([, l]) => l).join(', ')}` }),
});

const instantSchema = z.iso.datetime({ offset: true, error: 'must be a date and time (ISO-8601 with offset)' });
const instant = (label: string, hint?: string): Field<typeof instantSchema> => ({ spec: { kind: 'instant', label, ...(hint && { hint }) }, schema: instantSchema });

const yesno = (label: string, hint?: string): Field<z.ZodBoolean> => ({ spec: { kind: 'yesno', label, ...(hint && { hint }) }, schema: z.boolean({ error: 'must be yes or no' }) });

/** What a test spot showed when it was checked. */
export const testSpotResults = [
  ['no_reaction', 'No reaction'],
  ['expected_erythema', 'Expected response (redness, darkening or frosting of the spot)'],
  ['excessive_erythema', 'More redness or swelling than expected'],
  ['blistering', 'Blistering or crusting'],
  ['pigment_change', 'Darker or lighter patch'],
  ['other', 'Other (see note)'],
] as const;

/** Test spot results that should make the practitioner stop and think before treating the area. */
export const adverseTestSpotResults: readonly string[] = ['excessive_erythema', 'blistering', 'pigment_change'];

/** A test spot before a light treatment: whether one was done, where, what was seen and when. */
export const testSpot = z.strictObject({
  done: z.boolean({ error: 'must be yes or no' }),
  site: textSchema(120).optional(),
  result: z.enum(testSpotResults.map(([v]) => v) as [string, ...string[]], { error: 'must be a known test spot result' }).optional(),
  checkedAt: instantSchema.optional(),
  /** Why none was done (e.g. same device and settings as last session), or what "other" means. */
  note: textSchema(500).optional(),
});
export type TestSpot = z.infer<typeof testSpot>;

const testSpotField = (): Field<typeof testSpot> => ({
  spec: { kind: 'testSpot', label: 'Test spot', hint: 'Where, and what it showed; if none was done, say why' },
  schema: testSpot,
});

const cooling = () =>
  choice('Cooling', [
    ['none', 'None'],
    ['contact', 'Contact cooling (chilled tip or sapphire)'],
    ['cryogen_spray', 'Cryogen spray'],
    ['cold_air', 'Cold air'],
    ['ice_pack', 'Ice pack or cold gel'],
  ]);

const eyeProtection = () =>
  choice('Eye protection (patient)', [
    ['goggles', 'Wavelength-rated goggles'],
    ['eye_shields', 'Eye shields (internal or external)'],
  ]);

const tolerance = () =>
  choice('Tolerance', [
    ['well_tolerated', 'Well tolerated'],
    ['mild_reaction', 'Mild reaction'],
    ['stopped_early', 'Stopped early'],
  ]);

const reactionNote = () => text('Reaction and action taken', 1000, { multiline: true, hint: 'Required when the treatment was not well tolerated' });

const laser = {
  device: text('Device', 120, { hint: 'Make, model and mode, e.g. Q-switched Nd:YAG' }),
  wavelengthNm: num('Wavelength', 'nm', 300, 11000, { int: true }),
  fluenceJcm2: num('Fluence', 'J/cm²', 0, 600, { exclusiveMin: true }),
  spotSizeMm: num('Spot size', 'mm', 0, 30, { exclusiveMin: true }),
  pulseWidthMs: duration('Pulse width', 1000, 'Nanoseconds for Q-switched, picoseconds for pico lasers'),
  repetitionHz: num('Repetition rate', 'Hz', 0, 100, { exclusiveMin: true }),
  passes: num('Passes', 'passes', 1, 20, { int: true }),
  totalPulses: num('Total pulses', 'pulses', 1, 100_000, { int: true }),
  cooling: cooling(),
  eyeProtection: eyeProtection(),
  testSpot: testSpotField(),
  endpoint: text('Clinical endpoint', 200, { hint: 'e.g. immediate whitening, perifollicular oedema' }),
};

const ipl = {
  device: text('Device', 120),
  /** The cut-off filter. */
  wavelengthNm: num('Filter (cut-off)', 'nm', 400, 1200, { int: true }),
  fluenceJcm2: num('Fluence', 'J/cm²', 0, 100, { exclusiveMin: true }),
  spotSizeMm: num('Light guide (longest side)', 'mm', 0, 100, { exclusiveMin: true }),
  pulseWidthMs: duration('Pulse width', 200),
  pulses: num('Pulses per shot', 'pulses', 1, 10, { int: true }),
  pulseDelayMs: num('Delay between pulses', 'ms', 0, 500),
  passes: num('Passes', 'passes', 1, 10, { int: true }),
  cooling: cooling(),
  eyeProtection: eyeProtection(),
  testSpot: testSpotField(),
  endpoint: text('Clinical endpoint', 200, { hint: 'e.g. darkening of pigmented spots' }),
};

const microneedling = {
  device: text('Device', 120),
  cartridge: text('Needle cartridge', 80, { hint: 'e.g. 12-pin, 36-pin, nano' }),
  needleDepthMm: num('Needle depth (deepest)', 'mm', 0.25, 3.0, { hint: 'Depth per area goes with each area below' }),
  passes: num('Passes', 'passes', 1, 10, { int: true }),
  endpoint: choice('Clinical endpoint', [
    ['erythema', 'Even redness'],
    ['pinpoint_bleeding', 'Pinpoint bleeding'],
    ['other', 'Other (see notes)'],
  ]),
};

const ivGlutathione = {
  doseMg: num('Glutathione dose', 'mg', 0, 4000, { exclusiveMin: true }),
  diluent: choice('Diluent', [
    ['normal_saline', 'Sodium chloride 0.9%'],
    ['lactated_ringers', "Hartmann's / lactated Ringer's"],
    ['dextrose_5', 'Glucose 5%'],
    ['sterile_water', 'Sterile water (to reconstitute only)'],
  ]),
  volumeMl: num('Total volume', 'mL', 0, 1000, { exclusiveMin: true }),
  rateMlPerHour: num('Rate', 'mL/h', 0, 1000, { exclusiveMin: true }),
  cannulaGauge: num('Cannula', 'G', 14, 27, { int: true }),
  vein: choice('Vein', [
    ['median_cubital', 'Median cubital'],
    ['cephalic', 'Cephalic'],
    ['basilic', 'Basilic'],
    ['forearm', 'Forearm vein'],
    ['dorsal_hand', 'Back of the hand'],
    ['other', 'Other (see notes)'],
  ]),
  site: text('Site', 120, { hint: 'Side and place, e.g. left antecubital fossa' }),
  attempts: num('Cannulation attempts', 'attempts', 1, 10, { int: true }),
  startedAt: instant('Infusion started'),
  stoppedAt: instant('Infusion stopped'),
  tolerance: tolerance(),
  reactionNote: reactionNote(),
  cannulaRemovedIntact: yesno('Cannula removed intact, site checked'),
};

const glutathioneInjection = {
  doseMg: num('Glutathione dose', 'mg', 0, 2400, { exclusiveMin: true }),
  volumeMl: num('Volume', 'mL', 0, 20, { exclusiveMin: true }),
  route: choice('Route', [
    ['intravenous_push', 'Slow intravenous push'],
    ['intramuscular', 'Intramuscular'],
  ]),
  site: text('Site', 120, { hint: 'Side and place, e.g. left deltoid, right antecubital fossa' }),
  needleGauge: num('Needle', 'G', 18, 32, { int: true }),
  tolerance: tolerance(),
  reactionNote: reactionNote(),
};

const chemicalPeel = {
  agent: text('Peel agent', 120, { hint: "e.g. glycolic acid, TCA, Jessner's; the product's lot goes under Products" }),
  strengthPercent: num('Strength', '%', 0, 100, { exclusiveMin: true }),
  ph: num('pH', 'pH', 0, 14),
  prep: text('Skin preparation', 200, { hint: 'e.g. cleansed, degreased with acetone' }),
  layers: num('Layers (coats)', 'layers', 1, 10, { int: true }),
  contactMinutes: num('Contact time', 'min', 0, 60, { exclusiveMin: true }),
  neutraliser: text('Neutraliser', 120, { hint: 'e.g. sodium bicarbonate solution, or "none: self-neutralising"' }),
  endpoint: choice('Clinical endpoint', [
    ['none', 'No visible change'],
    ['erythema', 'Redness only'],
    ['pseudofrost', 'Pseudo-frost (salicylic crystals)'],
    ['light_frost', 'Level I frost (light, patchy)'],
    ['even_frost', 'Level II frost (even white with pink)'],
    ['solid_frost', 'Level III frost (solid white)'],
  ]),
};

const mesotherapy = {
  technique: choice('Technique', [
    ['nappage', 'Nappage'],
    ['papule', 'Papules'],
    ['point_by_point', 'Point by point'],
    ['linear', 'Linear threading'],
  ]),
  delivery: choice('Delivery', [
    ['manual', 'By hand'],
    ['injector', 'Injector gun'],
  ]),
  depthMm: num('Depth', 'mm', 0.5, 4),
  needleGauge: num('Needle', 'G', 27, 34, { int: true }),
  totalVolumeMl: num('Total volume injected', 'mL', 0, 20, { exclusiveMin: true }),
  injectionPoints: num('Injection points', 'points', 1, 1000, { int: true }),
};

const cryotherapy = {
  cryogen: choice('Cryogen', [
    ['liquid_nitrogen', 'Liquid nitrogen'],
    ['nitrous_oxide', 'Nitrous oxide'],
    ['carbon_dioxide', 'Carbon dioxide'],
  ]),
  method: choice('Method', [
    ['spray', 'Spray'],
    ['probe', 'Probe'],
    ['cotton_tip', 'Cotton tip'],
  ]),
  freezeSeconds: num('Freeze time', 's', 1, 60, { int: true }),
  cycles: num('Freeze–thaw cycles', 'cycles', 1, 3, { int: true }),
  haloMm: num('Freeze margin (halo)', 'mm', 0, 5),
  lesionsTreated: num('Lesions treated', 'lesions', 1, 200, { int: true }),
};

const microdermabrasion = {
  device: text('Device', 120),
  method: choice('Method', [
    ['crystal', 'Crystal'],
    ['diamond_tip', 'Diamond tip'],
    ['hydro', 'Hydrodermabrasion'],
  ]),
  tip: choice('Tip or crystal grade', [
    ['fine', 'Fine'],
    ['medium', 'Medium'],
    ['coarse', 'Coarse'],
  ]),
  passes: num('Passes', 'passes', 1, 6, { int: true }),
  suction: choice('Suction', [
    ['low', 'Low'],
    ['medium', 'Medium'],
    ['high', 'High'],
  ]),
};

type Fields = Record<string, Field>;
type PartialShape<F extends Fields> = { [K in keyof F]: z.ZodOptional<F[K]['schema']> };

const partialSchema = <F extends Fields>(fields: F) =>
  z.strictObject(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema.optional()])) as PartialShape<F>);

/** Two instants of one chart in order, e.g. an infusion stopped after it started. */
const inOrder =
  (first: string, then: string, label: string) =>
  (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const a = v[first];
    const b = v[then];
    if (typeof a === 'string' && typeof b === 'string' && Date.parse(b) < Date.parse(a)) {
      ctx.addIssue({ code: 'custom', path: [then], message: `must be after ${label}` });
    }
  };

const fieldsOf = {
  laser,
  ipl,
  microneedling,
  iv_glutathione: ivGlutathione,
  glutathione_injection: glutathioneInjection,
  chemical_peel: chemicalPeel,
  mesotherapy,
  cryotherapy,
  microdermabrasion,
} satisfies Record<TreatmentType, Fields>;

/** Each type's parameters; every field optional so a draft can be saved at any point. */
export const treatmentParameters = {
  laser: partialSchema(laser),
  ipl: partialSchema(ipl),
  microneedling: partialSchema(microneedling),
  iv_glutathione: partialSchema(ivGlutathione).superRefine(inOrder('startedAt', 'stoppedAt', 'the infusion started')),
  glutathione_injection: partialSchema(glutathioneInjection),
  chemical_peel: partialSchema(chemicalPeel),
  mesotherapy: partialSchema(mesotherapy),
  cryotherapy: partialSchema(cryotherapy),
  microdermabrasion: partialSchema(microdermabrasion),
} satisfies Record<TreatmentType, z.ZodType>;

export type TreatmentParameters<T extends TreatmentType> = z.infer<(typeof treatmentParameters)[T]>;

/** Each type's fields in the order the screen asks for them and the summary prints them. */
export const treatmentFields: Record<TreatmentType, readonly (readonly [string, FieldSpec])[]> = Object.fromEntries(
  Object.entries(fieldsOf).map(([type, fields]) => [type, Object.entries(fields as Fields).map(([name, f]) => [name, f.spec] as const)]),
) as unknown as Record<TreatmentType, readonly (readonly [string, FieldSpec])[]>;

/** One field's description, or undefined for a name the type does not have. */
export const fieldSpec = (type: TreatmentType, name: string): FieldSpec | undefined => treatmentFields[type].find(([n]) => n === name)?.[1];

/** What a chart of each type must record before it can be signed. */
export const requiredToSign: Record<TreatmentType, readonly string[]> = {
  laser: ['device', 'wavelengthNm', 'fluenceJcm2', 'spotSizeMm', 'pulseWidthMs', 'passes', 'cooling', 'eyeProtection', 'testSpot'],
  ipl: ['device', 'wavelengthNm', 'fluenceJcm2', 'pulseWidthMs', 'passes', 'cooling', 'eyeProtection', 'testSpot'],
  microneedling: ['device', 'needleDepthMm', 'passes', 'endpoint'],
  iv_glutathione: ['doseMg', 'diluent', 'volumeMl', 'rateMlPerHour', 'cannulaGauge', 'vein', 'site', 'attempts', 'startedAt', 'stoppedAt', 'tolerance', 'cannulaRemovedIntact'],
  glutathione_injection: ['doseMg', 'route', 'site'],
  chemical_peel: ['agent', 'strengthPercent', 'layers', 'contactMinutes', 'neutraliser', 'endpoint'],
  mesotherapy: ['technique', 'depthMm', 'needleGauge', 'totalVolumeMl'],
  cryotherapy: ['cryogen', 'method', 'freezeSeconds', 'cycles', 'lesionsTreated'],
  microdermabrasion: ['device', 'method', 'passes'],
};

/** Treatments charted on the face or body map (an infusion or injection records its site instead). */
export const mappedTreatments: readonly TreatmentType[] = ['laser', 'ipl', 'microneedling', 'chemical_peel', 'mesotherapy', 'cryotherapy', 'microdermabrasion'];

/**
 * Treatments whose product must be recorded by lot before signing: what went into or onto the
 * patient is the treatment itself (an infusion, an injection, a peel solution, a mesotherapy mix).
 */
export const requiredProduct: Partial<Record<TreatmentType, { label: string; ingredient?: string; kinds?: readonly string[] }>> = {
  iv_glutathione: { label: 'The glutathione used, by lot', ingredient: 'glutathione' },
  glutathione_injection: { label: 'The glutathione used, by lot', ingredient: 'glutathione' },
  chemical_peel: { label: 'The peel solution used, by lot', kinds: ['peel'] },
  mesotherapy: { label: 'The product injected, by lot', kinds: ['injectable', 'serum'] },
};

/** Units shown next to each numeric field (every type; a name means the same unit wherever it appears). */
export const parameterUnits: Record<string, string> = Object.fromEntries(
  Object.values(treatmentFields).flatMap((fields) =>
    fields.flatMap(([name, spec]) => (spec.kind === 'number' && spec.unit ? [[name, spec.unit] as const] : spec.kind === 'duration' ? [[name, 'ms'] as const] : [])),
  ),
);

/** A pulse width in ms written in the unit a device shows: 450 ps, 6 ns, 300 µs, 10 ms. */
export function formatDuration(ms: number): string {
  const units = [
    ['ms', 1],
    ['µs', 1e-3],
    ['ns', 1e-6],
    ['ps', 1e-9],
  ] as const;
  for (const [unit, size] of units) {
    if (ms >= size || unit === 'ps') return `${Number((ms / size).toPrecision(6))} ${unit}`;
  }
  return `${ms} ms`;
}

// Counts read better without their "unit" ("Passes: 2", not "Passes (passes): 2 passes").
const countUnits = new Set(['passes', 'pulses', 'layers', 'attempts', 'cycles', 'lesions', 'points']);

/** A field's label with its unit, as forms and lists of missing fields show it: "Fluence (J/cm²)". */
export const labelWithUnit = (spec: FieldSpec): string => (spec.kind === 'number' && spec.unit && !countUnits.has(spec.unit) ? `${spec.label} (${spec.unit})` : spec.label);

/** A parameter's value as it reads on screen and paper: with its unit, or the choice's words. */
export function formatParameter(spec: FieldSpec, value: unknown, instantText: (iso: string) => string = (iso) => iso): string {
  if (value === undefined || value === null || value === '') return '—';
  switch (spec.kind) {
    case 'number':
      return `${String(value)}${spec.unit && !countUnits.has(spec.unit) ? ` ${spec.unit}` : ''}`;
    case 'duration':
      return typeof value === 'number' ? formatDuration(value) : String(value);
    case 'choice':
      return spec.options.find(([v]) => v === value)?.[1] ?? String(value);
    case 'yesno':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'instant':
      return typeof value === 'string' ? instantText(value) : String(value);
    case 'text':
      return String(value);
    case 'testSpot': {
      const t = value as TestSpot;
      if (!t.done) return `Not done${t.note ? `: ${t.note}` : ''}`;
      const result = testSpotResults.find(([v]) => v === t.result)?.[1];
      return [`Done${t.site ? ` (${t.site})` : ''}`, result, t.checkedAt && `checked ${instantText(t.checkedAt)}`, t.note].filter(Boolean).join('; ');
    }
  }
}
