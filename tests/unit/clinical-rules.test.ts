import { describe, expect, it } from 'vitest';
import type { PatientFlag, TreatmentType } from '../../db/api/fields';
import { patientFlags, treatmentTypes } from '../../db/api/fields';
import { areaMark } from '../../db/rules/body-map';
import { areaMarkProblems, chartMissingFields, chartWarnings, isNumbingProduct, missingFieldLabel, numbingWarning, type ProductFacts } from '../../db/rules/chart';
import { blocking, contraindicationRules, contraindicationsFor, warningsOnly } from '../../db/rules/contraindications';
import {
  fieldSpec,
  formatDuration,
  formatParameter,
  mappedTreatments,
  parameterUnits,
  requiredProduct,
  requiredToSign,
  treatmentFields,
  treatmentParameters,
  type FieldSpec,
} from '../../db/rules/treatment-parameters';

const serum = (ingredient: string): ProductFacts => ({ ingredients: [ingredient], kind: 'serum' });
const infusion = (ingredient: string): ProductFacts => ({ ingredients: [ingredient], kind: 'infusion' });
const injectable = (ingredient: string): ProductFacts => ({ ingredients: [ingredient], kind: 'injectable' });
const peel = (ingredient: string): ProductFacts => ({ ingredients: [ingredient], kind: 'peel' });
const cream: ProductFacts = { ingredients: ['lidocaine', 'prilocaine'], kind: 'topical' };

/** A complete, plausible chart of every type: what a practitioner would record before signing. */
const complete: Record<TreatmentType, { parameters: Record<string, unknown>; products: ProductFacts[] }> = {
  laser: {
    parameters: {
      device: 'Q-switched Nd:YAG',
      wavelengthNm: 1064,
      fluenceJcm2: 2.5,
      spotSizeMm: 4,
      pulseWidthMs: 0.000006,
      repetitionHz: 5,
      passes: 2,
      cooling: 'cold_air',
      eyeProtection: 'goggles',
      testSpot: { done: true, site: 'behind the left ear', result: 'no_reaction', checkedAt: '2026-02-20T10:00:00Z' },
      endpoint: 'immediate whitening',
    },
    products: [cream],
  },
  ipl: {
    parameters: { device: 'IPL 3', wavelengthNm: 560, fluenceJcm2: 14, pulseWidthMs: 12, passes: 1, cooling: 'contact', eyeProtection: 'eye_shields', testSpot: { done: false, note: 'Same settings as last month, no reaction then' } },
    products: [],
  },
  microneedling: { parameters: { device: 'MN pen', needleDepthMm: 1.5, passes: 3, endpoint: 'pinpoint_bleeding' }, products: [serum('hyaluronic_acid')] },
  iv_glutathione: {
    parameters: {
      doseMg: 1200,
      diluent: 'normal_saline',
      volumeMl: 100,
      rateMlPerHour: 250,
      cannulaGauge: 22,
      vein: 'median_cubital',
      site: 'left antecubital fossa',
      attempts: 1,
      startedAt: '2026-03-02T09:10:00Z',
      stoppedAt: '2026-03-02T09:35:00Z',
      tolerance: 'well_tolerated',
      cannulaRemovedIntact: true,
    },
    products: [infusion('glutathione'), infusion('sodium_chloride')],
  },
  glutathione_injection: { parameters: { doseMg: 600, route: 'intramuscular', site: 'left deltoid', needleGauge: 23 }, products: [injectable('glutathione')] },
  chemical_peel: {
    parameters: { agent: 'glycolic acid', strengthPercent: 30, layers: 1, contactMinutes: 3, neutraliser: 'sodium bicarbonate solution', endpoint: 'erythema' },
    products: [peel('glycolic_acid')],
  },
  mesotherapy: { parameters: { technique: 'nappage', depthMm: 1, needleGauge: 32, totalVolumeMl: 3 }, products: [injectable('hyaluronic_acid')] },
  cryotherapy: { parameters: { cryogen: 'liquid_nitrogen', method: 'spray', freezeSeconds: 8, cycles: 1, lesionsTreated: 4 }, products: [] },
  microdermabrasion: { parameters: { device: 'Crysta', method: 'diamond_tip', passes: 2 }, products: [] },
};

const areaCountFor = (t: TreatmentType) => (mappedTreatments.includes(t) ? 2 : 0);
const missingFor = (t: TreatmentType, parameters: Record<string, unknown>, products = complete[t].products, areaCount = areaCountFor(t)) =>
  chartMissingFields({ treatmentType: t, parameters, areaCount, products });

const pathsOf = (type: TreatmentType, params: unknown): string[] => {
  const r = treatmentParameters[type].safeParse(params);
  if (r.success) return [];
  return r.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [i.path.join('.')]));
};

/** Values a field must refuse: out of its range, of the wrong type, empty. */
function badValues(spec: FieldSpec): unknown[] {
  switch (spec.kind) {
    case 'number':
      return [spec.exclusiveMin ? spec.min : spec.min - 0.01, spec.max + 1, String(spec.max), null, ...(spec.int ? [spec.min + 0.5] : [])];
    case 'duration':
      return [0, -1, spec.max * 2, '10'];
    case 'text':
      return ['', '   ', 'x'.repeat(spec.max + 1), 12];
    case 'choice':
      return ['not-a-choice', 1, ''];
    case 'instant':
      return ['yesterday', '2026-03-02', '2026-03-02T09:00:00', 5];
    case 'yesno':
      return ['yes', 1];
    case 'testSpot':
      return [{ done: 'yes' }, { done: true, result: 'fine' }, { done: true, colour: 'red' }, true];
  }
}

/** Values at the edges of a field's range that it must accept. */
function goodValues(spec: FieldSpec): unknown[] {
  switch (spec.kind) {
    case 'number':
      return [spec.exclusiveMin ? (spec.int ? spec.min + 1 : spec.min + 0.001) : spec.min, spec.max];
    case 'duration':
      return [0.00000045, spec.max];
    case 'text':
      return ['x', 'y'.repeat(spec.max)];
    case 'choice':
      return spec.options.map(([v]) => v);
    case 'instant':
      return ['2026-03-02T09:00:00Z', '2026-03-02T10:00:00+01:00'];
    case 'yesno':
      return [true, false];
    case 'testSpot':
      return [{ done: false }, { done: true, site: 'jawline', result: 'blistering', note: 'small blister at 20 min' }];
  }
}

const everyField = treatmentTypes.flatMap((t) => treatmentFields[t].map(([name, spec]) => [t, name, spec] as const));

describe('treatment parameters: every type', () => {
  it.each(treatmentTypes)('%s: the complete chart parses and has nothing missing', (type) => {
    const c = complete[type];
    expect(treatmentParameters[type].safeParse(c.parameters).success).toBe(true);
    expect(missingFor(type, c.parameters)).toEqual([]);
  });

  it.each(treatmentTypes)('%s: an empty draft parses (autosave may save any part)', (type) => {
    expect(treatmentParameters[type].safeParse({}).success).toBe(true);
  });

  it.each(treatmentTypes)('%s: every field required to sign is a field of its schema, with a label', (type) => {
    const shape = Object.keys((treatmentParameters[type] as unknown as { shape: Record<string, unknown> }).shape);
    expect(treatmentFields[type].map(([n]) => n)).toEqual(shape);
    for (const f of requiredToSign[type]) {
      expect(shape).toContain(f);
      expect(missingFieldLabel(type, f)).not.toBe(f);
    }
  });

  it.each(treatmentTypes.flatMap((t) => requiredToSign[t].map((f) => [t, f] as const)))('%s without %s cannot be signed, and says so', (type, field) => {
    const { [field]: _dropped, ...rest } = complete[type].parameters;
    expect(missingFor(type, rest)).toEqual([field]);
    expect(missingFor(type, { ...complete[type].parameters, [field]: '' })).toEqual([field]);
  });

  it.each(everyField)('%s.%s refuses out-of-range and wrong-type values, naming the field', (type, name, spec) => {
    for (const bad of badValues(spec)) {
      const paths = pathsOf(type, { [name]: bad });
      expect(paths.length, `${JSON.stringify(bad)} was accepted`).toBeGreaterThan(0);
      expect(paths.every((p) => p === name || p.startsWith(`${name}.`)), `${JSON.stringify(bad)} → ${paths.join()}`).toBe(true);
    }
  });

  it.each(everyField)('%s.%s accepts values at the edges of its range', (type, name, spec) => {
    for (const good of goodValues(spec)) expect(pathsOf(type, { [name]: good }), JSON.stringify(good)).toEqual([]);
  });

  it.each(treatmentTypes)('%s refuses a field it does not have', (type) => {
    expect(pathsOf(type, { colour: 'red' })).toEqual(['colour']);
  });

  it.each([
    ['microneedling', { needleDepthMm: 0.2 }, 'needleDepthMm', 'must be at least 0.25 mm'],
    ['microneedling', { needleDepthMm: 3.5 }, 'needleDepthMm', 'must be at most 3 mm'],
    ['laser', { fluenceJcm2: 0 }, 'fluenceJcm2', 'must be more than 0 J/cm²'],
    ['laser', { fluenceJcm2: '12' }, 'fluenceJcm2', 'must be a number in J/cm²'],
    ['laser', { passes: 1.5 }, 'passes', 'must be a whole number of passes'],
    ['iv_glutathione', { cannulaGauge: 30 }, 'cannulaGauge', 'must be at most 27 G'],
    ['chemical_peel', { strengthPercent: 120 }, 'strengthPercent', 'must be at most 100 %'],
  ] as const)('%s %j: %s %s', (type, params, field, message) => {
    const r = treatmentParameters[type].safeParse(params);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[field, message]]);
  });

  it('an infusion cannot stop before it started', () => {
    expect(pathsOf('iv_glutathione', { startedAt: '2026-03-02T10:00:00Z', stoppedAt: '2026-03-02T09:59:00Z' })).toEqual(['stoppedAt']);
    expect(pathsOf('iv_glutathione', { startedAt: '2026-03-02T10:00:00Z', stoppedAt: '2026-03-02T10:00:00Z' })).toEqual([]);
  });

  it('units are shown for every numeric field', () => {
    expect(parameterUnits).toMatchObject({ fluenceJcm2: 'J/cm²', needleDepthMm: 'mm', doseMg: 'mg', rateMlPerHour: 'mL/h', pulseWidthMs: 'ms', contactMinutes: 'min' });
    for (const [, , spec] of everyField) if (spec.kind === 'number') expect(spec.unit, spec.label).toBeTruthy();
  });
});

describe('chart completeness: what each chart must also say', () => {
  it('a test spot that was done needs where and what it showed; "other" needs a note; none done needs the reason', () => {
    const p = complete.laser.parameters;
    expect(missingFor('laser', { ...p, testSpot: { done: true } })).toEqual(['testSpot.site', 'testSpot.result']);
    expect(missingFor('laser', { ...p, testSpot: { done: true, site: 'ear', result: 'other' } })).toEqual(['testSpot.note']);
    expect(missingFor('laser', { ...p, testSpot: { done: false } })).toEqual(['testSpot.note']);
    expect(missingFor('ipl', { ...complete.ipl.parameters, testSpot: { done: false, note: 'returning patient' } })).toEqual([]);
  });

  it.each(['iv_glutathione', 'glutathione_injection'] as const)('%s: a reaction must be described', (type) => {
    const p = complete[type].parameters;
    expect(missingFor(type, { ...p, tolerance: 'mild_reaction' })).toEqual(['reactionNote']);
    expect(missingFor(type, { ...p, tolerance: 'stopped_early', reactionNote: 'Flushing at 10 min; stopped, observed 30 min, settled' })).toEqual([]);
  });

  it.each(treatmentTypes)('%s: areas are required exactly when the treatment is mapped', (type) => {
    expect(missingFor(type, complete[type].parameters, complete[type].products, 0).includes('areas')).toBe(mappedTreatments.includes(type));
  });

  it.each(treatmentTypes)('%s: the product by lot is required exactly where the product is the treatment', (type) => {
    const missing = missingFor(type, complete[type].parameters, []);
    expect(missing.includes('products')).toBe(requiredProduct[type] !== undefined);
    if (requiredProduct[type]) expect(missingFieldLabel(type, 'products')).toMatch(/by lot/);
  });

  it('the product must be the right one: saline alone is not the glutathione, a serum is not a peel', () => {
    expect(missingFor('iv_glutathione', complete.iv_glutathione.parameters, [infusion('sodium_chloride')])).toEqual(['products']);
    expect(missingFor('chemical_peel', complete.chemical_peel.parameters, [serum('glycolic_acid')])).toEqual(['products']);
    expect(missingFor('chemical_peel', complete.chemical_peel.parameters, [peel('salicylic_acid'), cream])).toEqual([]);
  });

  it('a numbing step must be finished: lot, area, applied and removed', () => {
    const base = { treatmentType: 'glutathione_injection' as const, parameters: complete.glutathione_injection.parameters, areaCount: 0, products: complete.glutathione_injection.products };
    expect(chartMissingFields({ ...base, numbing: {} })).toEqual(['numbing.lotId', 'numbing.area', 'numbing.appliedAt', 'numbing.removedAt']);
    expect(chartMissingFields({ ...base, numbing: { lotId: 1, area: 'face', appliedAt: '2026-01-01T10:00:00Z' } })).toEqual(['numbing.removedAt']);
    expect(chartMissingFields({ ...base, numbing: { lotId: 1, area: 'face', appliedAt: '2026-01-01T10:00:00Z', removedAt: '2026-01-01T10:40:00Z' } })).toEqual([]);
    expect(chartMissingFields({ ...base, numbing: null })).toEqual([]);
  });

  it('lists everything missing from an empty laser chart in the order of the form, with words a practitioner reads', () => {
    const missing = missingFor('laser', { device: 'x' }, [], 0);
    expect(missing).toEqual(['wavelengthNm', 'fluenceJcm2', 'spotSizeMm', 'pulseWidthMs', 'passes', 'cooling', 'eyeProtection', 'testSpot', 'areas']);
    expect(missing.map((f) => missingFieldLabel('laser', f))).toEqual([
      'Wavelength (nm)',
      'Fluence (J/cm²)',
      'Spot size (mm)',
      'Pulse width',
      'Passes',
      'Cooling',
      'Eye protection (patient)',
      'Test spot',
      'Areas treated',
    ]);
  });

  it('marks carry depths within the needle’s range for the treatment', () => {
    expect(areaMarkProblems('microneedling', [{ depthMm: 1 }, { depthMm: 3.5 }, {}])).toEqual([{ path: 'areas.1.depthMm', message: 'must be from 0.25 to 3 mm for microneedling' }]);
    expect(areaMarkProblems('mesotherapy', [{ depthMm: 0.3 }])).toHaveLength(1);
    expect(areaMarkProblems('laser', [{ depthMm: 3.5 }])).toEqual([]);
  });
});

describe('warnings while charting', () => {
  const now = new Date('2026-01-01T12:00:00Z');

  it('numbing cream over 60 minutes warns (not refused: it has already happened)', () => {
    expect(numbingWarning({ appliedAt: '2026-01-01T10:00:00Z', removedAt: '2026-01-01T11:00:00Z' }, now)).toBeNull();
    expect(numbingWarning({ appliedAt: '2026-01-01T10:00:00Z', removedAt: '2026-01-01T11:01:00Z' }, now)).toMatch(/was on for 61 minutes/);
    expect(numbingWarning({ appliedAt: '2026-01-01T10:30:00Z' }, now)).toMatch(/has been on for 90 minutes.*remove it now/);
    expect(numbingWarning({}, now)).toBeNull();
  });

  it.each([
    [{ testSpot: { done: true, site: 'ear', result: 'blistering' } }, /test spot showed: blistering/],
    [{ testSpot: { done: true, site: 'ear', result: 'pigment_change' } }, /darker or lighter patch/],
    [{ testSpot: { done: true, site: 'ear', result: 'no_reaction' } }, null],
    [{ attempts: 3 }, /3 cannulation attempts/],
    [{ attempts: 2 }, null],
    [{ tolerance: 'stopped_early' }, /stopped early/],
  ])('%j → %s', (parameters, expected) => {
    const warnings = chartWarnings({ parameters, numbing: null }, now);
    if (expected) expect(warnings).toEqual([expect.stringMatching(expected)]);
    else expect(warnings).toEqual([]);
  });

  it('a numbing cream is a topical with a local anaesthetic', () => {
    expect(isNumbingProduct(cream)).toBe(true);
    expect(isNumbingProduct({ ingredients: ['lidocaine'], kind: 'injectable' })).toBe(false);
    expect(isNumbingProduct(serum('hyaluronic_acid'))).toBe(false);
  });
});

describe('how parameters read on screen and paper', () => {
  it('pulse widths are written in the unit the device shows', () => {
    expect([0.00000045, 0.000006, 0.3, 10, 0.00075].map(formatDuration)).toEqual(['450 ps', '6 ns', '300 µs', '10 ms', '750 ns']);
  });

  it('values carry units, choices their words, test spots a sentence', () => {
    expect(formatParameter(fieldSpec('laser', 'fluenceJcm2')!, 2.5)).toBe('2.5 J/cm²');
    expect(formatParameter(fieldSpec('laser', 'passes')!, 2)).toBe('2');
    expect(formatParameter(fieldSpec('laser', 'cooling')!, 'cold_air')).toBe('Cold air');
    expect(formatParameter(fieldSpec('iv_glutathione', 'cannulaRemovedIntact')!, true)).toBe('Yes');
    expect(formatParameter(fieldSpec('laser', 'testSpot')!, { done: true, site: 'left ear', result: 'no_reaction' })).toBe('Done (left ear); No reaction');
    expect(formatParameter(fieldSpec('laser', 'device')!, undefined)).toBe('—');
  });
});

describe('contraindication rules', () => {
  // The starting set in DESIGN.md, and what was added on review.
  it.each<[PatientFlag, TreatmentType, ProductFacts[], 'block' | 'warn' | 'none']>([
    ['pregnant', 'iv_glutathione', [], 'block'],
    ['pregnant', 'glutathione_injection', [], 'block'],
    ['pregnant', 'mesotherapy', [], 'block'],
    ['pregnant', 'microneedling', [serum('hydroquinone')], 'block'],
    ['pregnant', 'microneedling', [serum('tretinoin')], 'block'],
    ['pregnant', 'microneedling', [serum('kojic_acid')], 'none'],
    ['pregnant', 'chemical_peel', [peel('salicylic_acid')], 'warn'],
    ['pregnant', 'chemical_peel', [peel('glycolic_acid')], 'none'],
    ['pregnant', 'laser', [], 'warn'],
    ['pregnant', 'ipl', [], 'warn'],
    ['pregnant', 'cryotherapy', [], 'none'],
    ['breastfeeding', 'iv_glutathione', [], 'block'],
    ['breastfeeding', 'glutathione_injection', [], 'block'],
    ['breastfeeding', 'mesotherapy', [], 'block'],
    ['breastfeeding', 'chemical_peel', [serum('hydroquinone')], 'block'],
    ['breastfeeding', 'microneedling', [serum('tretinoin')], 'warn'],
    ['breastfeeding', 'laser', [], 'warn'],
    ['breastfeeding', 'ipl', [], 'warn'],
    ['g6pd_deficiency', 'iv_glutathione', [infusion('ascorbic_acid')], 'block'],
    ['g6pd_deficiency', 'mesotherapy', [injectable('ascorbic_acid')], 'block'],
    ['g6pd_deficiency', 'microneedling', [serum('ascorbic_acid')], 'none'],
    ['g6pd_deficiency', 'laser', [cream], 'block'],
    ['g6pd_deficiency', 'laser', [{ ingredients: ['lidocaine'], kind: 'topical' }], 'none'],
    ['g6pd_deficiency', 'laser', [{ ingredients: ['benzocaine'], kind: 'topical' }], 'block'],
    ['g6pd_deficiency', 'iv_glutathione', [infusion('glutathione')], 'warn'],
    ['isotretinoin_6m', 'laser', [], 'warn'],
    ['isotretinoin_6m', 'ipl', [], 'warn'],
    ['isotretinoin_6m', 'chemical_peel', [], 'warn'],
    ['isotretinoin_6m', 'microneedling', [], 'warn'],
    ['isotretinoin_6m', 'microdermabrasion', [], 'warn'],
    ['isotretinoin_6m', 'iv_glutathione', [], 'none'],
    ['anaesthetic_allergy', 'microneedling', [cream], 'block'],
    ['anaesthetic_allergy', 'laser', [{ ingredients: ['tetracaine'], kind: 'topical' }], 'block'],
    ['anaesthetic_allergy', 'microneedling', [], 'none'],
    ['active_infection', 'microneedling', [], 'block'],
    ['active_infection', 'chemical_peel', [], 'block'],
    ['active_infection', 'laser', [], 'block'],
    ['active_infection', 'ipl', [], 'block'],
    ['active_infection', 'microdermabrasion', [], 'block'],
    ['active_infection', 'mesotherapy', [], 'block'],
    ['active_infection', 'cryotherapy', [], 'warn'],
    ['active_infection', 'iv_glutathione', [], 'none'],
    ['keloid_tendency', 'microneedling', [], 'warn'],
    ['keloid_tendency', 'laser', [], 'warn'],
    ['keloid_tendency', 'chemical_peel', [], 'warn'],
    ['keloid_tendency', 'mesotherapy', [], 'warn'],
    ['keloid_tendency', 'microdermabrasion', [], 'none'],
    ['recent_tan', 'laser', [], 'warn'],
    ['recent_tan', 'ipl', [], 'warn'],
    ['recent_tan', 'chemical_peel', [], 'warn'],
    ['recent_tan', 'microneedling', [], 'none'],
    ['photosensitising_meds', 'laser', [], 'warn'],
    ['photosensitising_meds', 'ipl', [], 'warn'],
    ['photosensitising_meds', 'chemical_peel', [], 'none'],
  ])('%s + %s %j → %s', (flag, type, products, expected) => {
    const found = contraindicationsFor([flag], type, products);
    const level = blocking(found).length ? 'block' : found.length ? 'warn' : 'none';
    expect(level).toBe(expected);
  });

  // Every row of the table, checked on its own: it fires for its flag, and not without it.
  it.each(contraindicationRules.map((r) => [r.id, r] as const))('rule %s fires for its flag and only with it', (_id, rule) => {
    const type: TreatmentType = rule.treatmentType ?? 'microneedling';
    const products: ProductFacts[] = rule.ingredient ? [{ ingredients: [rule.ingredient], kind: rule.productKinds?.[0] ?? 'topical' }] : [];
    const found = contraindicationsFor([rule.flag], type, products);
    expect(found.filter((c) => c.rule.id === rule.id)).toEqual([{ rule, matchedOn: rule.treatmentType ?? rule.ingredient }]);
    const otherFlags = patientFlags.filter((f) => f !== rule.flag);
    expect(contraindicationsFor(otherFlags, type, products).some((c) => c.rule.id === rule.id)).toBe(false);
    if (rule.productKinds) {
      const otherKind = ['injectable', 'infusion', 'topical', 'serum', 'peel', 'other'].find((k) => !rule.productKinds!.includes(k))!;
      expect(contraindicationsFor([rule.flag], type, [{ ingredients: [rule.ingredient!], kind: otherKind }]).some((c) => c.rule.id === rule.id)).toBe(false);
    }
  });

  it('a patient without flags matches nothing', () => {
    for (const t of treatmentTypes) expect(contraindicationsFor([], t, [cream, infusion('ascorbic_acid'), serum('hydroquinone')])).toEqual([]);
  });

  it('blocks and warnings are told apart; an ingredient in two products is one finding', () => {
    const found = contraindicationsFor(['pregnant', 'recent_tan'], 'laser', [serum('hydroquinone'), serum('hydroquinone')]);
    expect(blocking(found).map((c) => c.rule.id)).toEqual(['pregnant:hydroquinone']);
    expect(warningsOnly(found).map((c) => c.rule.id)).toEqual(['pregnant:laser', 'recent_tan:laser']);
  });

  it('every rule has a unique id, a reason, and names a known treatment or an ingredient', () => {
    const ids = contraindicationRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of contraindicationRules) {
      expect(r.reason.length).toBeGreaterThan(10);
      expect(Boolean(r.treatmentType) !== Boolean(r.ingredient)).toBe(true);
      if (r.treatmentType) expect(treatmentTypes).toContain(r.treatmentType);
      if (r.ingredient) expect(r.ingredient).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });
});

describe('body map marks', () => {
  it('a point needs coordinates and a zone needs its id', () => {
    expect(areaMark.safeParse({ id: 'a', diagram: 'face_front', kind: 'point', x: 0.4, y: 0.5, label: 'left cheek' }).success).toBe(true);
    expect(areaMark.safeParse({ id: 'b', diagram: 'face_front', kind: 'zone', zone: 'forehead', label: 'forehead' }).success).toBe(true);
    expect(areaMark.safeParse({ id: 'c', diagram: 'face_front', kind: 'point', label: 'x' }).success).toBe(false);
    expect(areaMark.safeParse({ id: 'd', diagram: 'face_front', kind: 'point', x: 1.2, y: 0, label: 'x' }).success).toBe(false);
  });
});
