import { describe, expect, it } from 'vitest';
import type { PatientFlag, TreatmentType } from '../../db/api/fields';
import { treatmentTypes } from '../../db/api/fields';
import { areaMark } from '../../db/rules/body-map';
import { chartMissingFields, numbingWarning } from '../../db/rules/chart';
import { blocking, contraindicationRules, contraindicationsFor } from '../../db/rules/contraindications';
import { requiredToSign, treatmentParameters } from '../../db/rules/treatment-parameters';

const serum = (ingredient: string) => ({ ingredients: [ingredient], kind: 'serum' });
const infusion = (ingredient: string) => ({ ingredients: [ingredient], kind: 'infusion' });
const cream = { ingredients: ['lidocaine', 'prilocaine'], kind: 'topical' };

describe('contraindication rules', () => {
  it.each<[PatientFlag, TreatmentType, { ingredients: string[]; kind: string }[], 'block' | 'warn' | 'none']>([
    ['pregnant', 'iv_glutathione', [], 'block'],
    ['pregnant', 'glutathione_injection', [], 'block'],
    ['pregnant', 'mesotherapy', [], 'block'],
    ['pregnant', 'microneedling', [serum('hydroquinone')], 'block'],
    ['pregnant', 'microneedling', [serum('kojic_acid')], 'none'],
    ['pregnant', 'laser', [], 'warn'],
    ['pregnant', 'ipl', [], 'warn'],
    ['breastfeeding', 'iv_glutathione', [], 'block'],
    ['breastfeeding', 'chemical_peel', [serum('hydroquinone')], 'block'],
    ['breastfeeding', 'ipl', [], 'warn'],
    ['g6pd_deficiency', 'iv_glutathione', [infusion('ascorbic_acid')], 'block'],
    ['g6pd_deficiency', 'microneedling', [serum('ascorbic_acid')], 'none'],
    ['g6pd_deficiency', 'laser', [cream], 'block'],
    ['g6pd_deficiency', 'iv_glutathione', [infusion('glutathione')], 'warn'],
    ['isotretinoin_6m', 'laser', [], 'warn'],
    ['isotretinoin_6m', 'ipl', [], 'warn'],
    ['isotretinoin_6m', 'chemical_peel', [], 'warn'],
    ['isotretinoin_6m', 'microneedling', [], 'warn'],
    ['isotretinoin_6m', 'microdermabrasion', [], 'warn'],
    ['isotretinoin_6m', 'iv_glutathione', [], 'none'],
    ['anaesthetic_allergy', 'microneedling', [cream], 'block'],
    ['anaesthetic_allergy', 'microneedling', [], 'none'],
    ['active_infection', 'microneedling', [], 'block'],
    ['active_infection', 'chemical_peel', [], 'block'],
    ['active_infection', 'laser', [], 'block'],
    ['keloid_tendency', 'microneedling', [], 'warn'],
    ['keloid_tendency', 'laser', [], 'warn'],
    ['recent_tan', 'laser', [], 'warn'],
    ['recent_tan', 'ipl', [], 'warn'],
    ['recent_tan', 'chemical_peel', [], 'none'],
  ])('%s + %s %j → %s', (flag, type, products, expected) => {
    const found = contraindicationsFor([flag], type, products);
    const level = blocking(found).length ? 'block' : found.length ? 'warn' : 'none';
    expect(level).toBe(expected);
  });

  it('a patient without flags matches nothing', () => {
    for (const t of treatmentTypes) expect(contraindicationsFor([], t, [cream, infusion('ascorbic_acid')])).toEqual([]);
  });

  it('every rule has a unique id and a reason', () => {
    const ids = contraindicationRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of contraindicationRules) expect(r.reason.length).toBeGreaterThan(10);
  });
});

describe('treatment parameters', () => {
  it.each(treatmentTypes)('%s: every field required to sign exists in its schema', (type) => {
    const shape = (treatmentParameters[type] as unknown as { shape: Record<string, unknown> }).shape;
    for (const f of requiredToSign[type]) expect(Object.keys(shape)).toContain(f);
  });

  it.each([
    ['microneedling', { needleDepthMm: 0.2 }, 'needleDepthMm'],
    ['microneedling', { needleDepthMm: 3.5 }, 'needleDepthMm'],
    ['laser', { fluenceJcm2: 0 }, 'fluenceJcm2'],
    ['laser', { fluenceJcm2: '12' }, 'fluenceJcm2'],
    ['laser', { passes: 1.5 }, 'passes'],
    ['iv_glutathione', { cannulaGauge: 30 }, 'cannulaGauge'],
    ['chemical_peel', { strengthPercent: 120 }, 'strengthPercent'],
    ['laser', { colour: 'red' }, 'colour'],
  ] as const)('%s refuses %j naming %s', (type, params, field) => {
    const r = treatmentParameters[type].safeParse(params);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.')]));
    expect(paths).toContain(field);
  });

  it('accepts a partial draft and a complete laser chart', () => {
    expect(treatmentParameters.laser.safeParse({ device: 'Nd:YAG 1064' }).success).toBe(true);
    const complete = { device: 'Q-switched Nd:YAG', wavelengthNm: 1064, fluenceJcm2: 2.5, spotSizeMm: 4, pulseWidthMs: 0.006, passes: 2, testSpot: { done: true, result: 'no_reaction' } };
    expect(treatmentParameters.laser.safeParse(complete).success).toBe(true);
    expect(chartMissingFields({ treatmentType: 'laser', parameters: complete, areaCount: 2 })).toEqual([]);
  });
});

describe('chart completeness', () => {
  it('lists what is missing, including areas for mapped treatments and an open numbing step', () => {
    expect(chartMissingFields({ treatmentType: 'laser', parameters: { device: 'x' }, areaCount: 0 })).toEqual([
      'wavelengthNm', 'fluenceJcm2', 'spotSizeMm', 'pulseWidthMs', 'passes', 'testSpot', 'areas',
    ]);
    expect(chartMissingFields({ treatmentType: 'glutathione_injection', parameters: { doseMg: 600, route: 'intramuscular', site: 'left deltoid' }, areaCount: 0 })).toEqual([]);
    expect(
      chartMissingFields({ treatmentType: 'glutathione_injection', parameters: { doseMg: 600, route: 'intramuscular', site: 'x' }, areaCount: 0, numbing: { lotId: 1, area: 'face', appliedAt: '2026-01-01T10:00:00Z' } }),
    ).toEqual(['numbing.removedAt']);
    expect(chartMissingFields({ treatmentType: 'laser', parameters: { testSpot: { done: true } }, areaCount: 1 })).toContain('testSpot.result');
  });

  it('warns when numbing cream stayed on more than 60 minutes', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(numbingWarning({ appliedAt: '2026-01-01T10:00:00Z', removedAt: '2026-01-01T11:00:00Z' }, now)).toBeNull();
    expect(numbingWarning({ appliedAt: '2026-01-01T10:00:00Z', removedAt: '2026-01-01T11:01:00Z' }, now)).toMatch(/61 minutes/);
    expect(numbingWarning({ appliedAt: '2026-01-01T10:30:00Z' }, now)).toMatch(/90 minutes/);
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
