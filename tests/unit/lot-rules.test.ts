import { describe, expect, it } from 'vitest';
import { addDays, daysUntilExpiry, firstExpiringLot, lotUsableOn, type LotFacts } from '../../db/rules/lots';

const lot = (over: Partial<LotFacts> = {}): LotFacts => ({ status: 'active', expiresOn: '2026-03-10', lotNumber: 'GLU-2291', ...over });

describe('lotUsableOn', () => {
  it.each([
    ['expires today: usable today', lot(), 5, 1, '2026-03-10', null],
    ['expires today: refused tomorrow', lot(), 5, 1, '2026-03-11', 'lot_expired'],
    ['expired last year', lot({ expiresOn: '2025-03-10' }), 5, 1, '2026-03-10', 'lot_expired'],
    ['in date, the day before expiry', lot(), 5, 1, '2026-03-09', null],
    ['a month-end expiry on the 31st', lot({ expiresOn: '2026-03-31' }), 5, 1, '2026-03-31', null],
    ['a month-end expiry, next day', lot({ expiresOn: '2026-03-31' }), 5, 1, '2026-04-01', 'lot_expired'],
    ['a leap day expiry', lot({ expiresOn: '2028-02-29' }), 5, 1, '2028-02-29', null],
    ['recalled', lot({ status: 'recalled' }), 5, 1, '2026-03-01', 'lot_recalled'],
    ['quarantined (refused as withdrawn from use)', lot({ status: 'quarantined' }), 5, 1, '2026-03-01', 'lot_recalled'],
    ['recalled and expired: the recall is named first', lot({ status: 'recalled', expiresOn: '2020-01-01' }), 5, 1, '2026-03-01', 'lot_recalled'],
    ['using exactly what is left', lot(), 2.5, 2.5, '2026-03-01', null],
    ['one thousandth more than is left', lot(), 2.5, 2.501, '2026-03-01', 'lot_insufficient'],
    ['nothing left', lot(), 0, 1, '2026-03-01', 'lot_insufficient'],
    ['sums that do not add up exactly in binary (0.1 + 0.2 left, 0.3 used)', lot(), 0.1 + 0.2, 0.3, '2026-03-01', null],
    ['expired and short: expiry named first', lot({ expiresOn: '2026-02-01' }), 0, 1, '2026-03-01', 'lot_expired'],
  ])('%s', (_, facts, onHand, quantity, day, code) => {
    expect(lotUsableOn(facts, onHand, quantity, day)?.code ?? null).toBe(code);
  });

  it('says what is wrong in words staff can act on', () => {
    expect(lotUsableOn(lot(), 5, 1, '2026-03-11')?.message).toBe("Lot GLU-2291 expired on 2026-03-10, before this session's date (2026-03-11)");
    expect(lotUsableOn(lot({ status: 'quarantined' }), 5, 1, '2026-03-01')?.message).toMatch(/quarantined/);
    expect(lotUsableOn(lot(), 0.5, 1, '2026-03-01')?.message).toMatch(/only 0.5 left/);
  });
});

describe('firstExpiringLot', () => {
  const lots = [
    { id: 1, status: 'active' as const, expiresOn: '2026-09-30', onHand: 4 },
    { id: 2, status: 'active' as const, expiresOn: '2026-04-30', onHand: 2 },
    { id: 3, status: 'recalled' as const, expiresOn: '2026-03-31', onHand: 9 },
    { id: 4, status: 'active' as const, expiresOn: '2026-02-28', onHand: 9 },
    { id: 5, status: 'active' as const, expiresOn: '2026-04-30', onHand: 0 },
    { id: 6, status: 'active' as const, expiresOn: '2026-04-30', onHand: 7 },
  ];

  it('suggests the in-date lot that expires first, passing over recalled, expired and empty lots', () => {
    expect(firstExpiringLot(lots, '2026-03-02')?.id).toBe(2);
  });
  it('on the same expiry, the older lot first', () => {
    expect(firstExpiringLot([lots[5]!, lots[1]!], '2026-03-02')?.id).toBe(2);
  });
  it('skips a lot without enough for the dose', () => {
    expect(firstExpiringLot(lots, '2026-03-02', 3)?.id).toBe(6);
  });
  it('offers nothing when nothing is usable', () => {
    expect(firstExpiringLot(lots, '2027-01-01')).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('counts days to expiry across month ends and leap days', () => {
    expect(daysUntilExpiry('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysUntilExpiry('2026-03-01', '2026-02-28')).toBe(1);
    expect(daysUntilExpiry('2028-03-01', '2028-02-28')).toBe(2);
    expect(daysUntilExpiry('2026-03-09', '2026-03-10')).toBe(-1);
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
