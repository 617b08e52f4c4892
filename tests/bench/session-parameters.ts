// Complete, plausible charting parameters per treatment type (they pass db/rules/treatment-parameters.ts
// and chart completeness), with invented device names.
import type { TreatmentType } from '../../db/api/fields';
import { bodyZones, faceZones, type Zone } from './clinic-content';
import type { Random } from './random';

const iso = (ms: number) => new Date(ms).toISOString();

const testSpot = (r: Random, performedMs: number) => ({
  done: true,
  site: r.pick(['behind the left ear', 'behind the right ear', 'under the jawline']),
  result: r.weighted([
    ['no_reaction', 6],
    ['expected_erythema', 4],
  ] as const),
  checkedAt: iso(performedMs - r.between(7, 21) * 86_400_000),
});

export function sessionParameters(type: TreatmentType, r: Random, performedMs: number): Record<string, unknown> {
  switch (type) {
    case 'laser': {
      const [device, wavelengthNm] = r.pick([
        ['Aurora QS Nd:YAG', 1064],
        ['Aurora QS Nd:YAG', 532],
        ['Solace 755 Alexandrite', 755],
      ] as const);
      return {
        device,
        wavelengthNm,
        fluenceJcm2: r.float(1.5, 8, 0.1),
        spotSizeMm: r.pick([3, 4, 6, 8]),
        pulseWidthMs: r.pick([0.000006, 0.00075, 3, 10]),
        repetitionHz: r.pick([2, 5, 10]),
        passes: r.between(1, 3),
        cooling: r.pick(['cold_air', 'contact'] as const),
        eyeProtection: r.pick(['goggles', 'eye_shields'] as const),
        testSpot: testSpot(r, performedMs),
        endpoint: r.pick(['mild erythema', 'immediate whitening of the lesion', 'slight darkening of the spot']),
      };
    }
    case 'ipl':
      return {
        device: 'Prism IPL 3',
        wavelengthNm: r.pick([515, 560, 590, 640]),
        fluenceJcm2: r.float(10, 20, 0.5),
        spotSizeMm: 15,
        pulseWidthMs: r.float(10, 20, 0.5),
        pulses: r.between(1, 3),
        passes: r.between(1, 2),
        cooling: 'contact',
        eyeProtection: 'goggles',
        testSpot: testSpot(r, performedMs),
        endpoint: 'darkening of pigmented spots',
      };
    case 'microneedling':
      return {
        device: 'Veloura MN pen',
        needleDepthMm: r.pick([0.5, 0.75, 1, 1.25, 1.5, 2]),
        passes: r.between(2, 4),
        endpoint: r.weighted([
          ['erythema', 7],
          ['pinpoint_bleeding', 3],
        ] as const),
      };
    case 'iv_glutathione': {
      const startedAt = performedMs + r.between(5, 15) * 60_000;
      return {
        doseMg: r.pick([600, 1200, 1800]),
        diluent: 'normal_saline',
        volumeMl: 100,
        rateMlPerHour: r.pick([200, 250, 300]),
        cannulaGauge: r.pick([22, 24]),
        vein: r.pick(['median_cubital', 'cephalic', 'basilic', 'forearm'] as const),
        site: r.pick(['left antecubital fossa', 'right antecubital fossa', 'left forearm', 'back of right hand']),
        attempts: r.weighted([
          [1, 9],
          [2, 1],
        ] as const),
        startedAt: iso(startedAt),
        stoppedAt: iso(startedAt + r.between(20, 35) * 60_000),
        tolerance: 'well_tolerated',
        cannulaRemovedIntact: true,
      };
    }
    case 'glutathione_injection':
      return {
        doseMg: r.pick([600, 1200]),
        route: r.pick(['intravenous_push', 'intramuscular'] as const),
        site: r.pick(['left deltoid', 'right deltoid', 'left antecubital fossa']),
        needleGauge: r.pick([23, 25, 27]),
      };
    case 'chemical_peel': {
      const [agent, strengthPercent, ph, neutraliser] = r.pick([
        ['glycolic acid', 35, 1.8, 'sodium bicarbonate solution'],
        ['salicylic acid', 20, 2.4, 'none needed (self-neutralising); rinsed with water'],
        ['trichloroacetic acid', 15, 1.2, 'cool water compresses'],
        ["Jessner's solution", 14, 2.0, 'none needed (self-neutralising)'],
      ] as const);
      return {
        agent,
        strengthPercent,
        ph,
        layers: r.between(1, 3),
        contactMinutes: r.between(2, 8),
        neutraliser,
        endpoint: r.pick(['erythema', 'light_frost', 'even_frost'] as const),
      };
    }
    case 'mesotherapy':
      return {
        technique: r.pick(['nappage', 'point_by_point'] as const),
        depthMm: r.pick([1, 1.5, 2]),
        needleGauge: r.pick([30, 32]),
        totalVolumeMl: r.pick([2, 3, 4, 5]),
      };
    case 'cryotherapy':
      return { cryogen: 'liquid_nitrogen', method: 'spray', freezeSeconds: r.between(5, 15), cycles: r.between(1, 2), lesionsTreated: r.between(1, 12) };
    case 'microdermabrasion':
      return {
        device: 'Crysta MDA',
        method: r.pick(['crystal', 'diamond_tip', 'hydro'] as const),
        passes: r.between(2, 3),
        suction: r.pick(['low', 'medium'] as const),
      };
  }
}

/** Marks on the face or body map for the treatments that are mapped. */
export function sessionAreas(type: TreatmentType, r: Random): { id: string; diagram: string; kind: 'zone'; zone: string; label: string }[] {
  if (type === 'iv_glutathione' || type === 'glutathione_injection') return [];
  const zones: readonly Zone[] = type === 'cryotherapy' && r.chance(0.6) ? bodyZones : faceZones;
  const count = r.between(1, 3);
  const chosen = new Set<Zone>();
  while (chosen.size < Math.min(count, zones.length)) chosen.add(r.pick(zones));
  return [...chosen].map((z, i) => ({ id: `m${i + 1}`, diagram: z.diagram, kind: 'zone' as const, zone: z.zone, label: z.label }));
}
