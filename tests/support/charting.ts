// A laser chart with every field its signing needs, for tests and benchmarks that chart one.
export const LASER = {
  device: 'Q-switched Nd:YAG',
  wavelengthNm: 1064,
  fluenceJcm2: 2.5,
  spotSizeMm: 4,
  pulseWidthMs: 0.000006,
  passes: 2,
  cooling: 'cold_air',
  eyeProtection: 'goggles',
  testSpot: { done: true, site: 'behind the left ear', result: 'no_reaction' },
};
