import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GS, gs1CheckDigit, gs1Date, gtinProblem, parseGs1, toGtin14 } from '../../db/rules/gs1';

const read = (text: string) => parseGs1(text, { referenceYear: 2026 });

describe('GS1 barcodes: what a scan fills in', () => {
  it.each([
    ['GS1-128 with brackets', '(01)09506000134352(17)271231(10)GLU-2291(21)SN000123', { gtin: '09506000134352', expiresOn: '2027-12-31', lot: 'GLU-2291', serial: 'SN000123' }],
    ['raw, group separator after the lot', `01095060001343521727123110GLU-2291${GS}21SN000123`, { gtin: '09506000134352', expiresOn: '2027-12-31', lot: 'GLU-2291', serial: 'SN000123' }],
    ['raw, lot last (no separator needed)', '01095060001343521727063010A7731B', { gtin: '09506000134352', expiresOn: '2027-06-30', lot: 'A7731B' }],
    ['raw, serial before expiry', `010030004099812221SN-44${GS}172701311024K118`, { gtin: '00300040998122', expiresOn: '2027-01-31', lot: '24K118', serial: 'SN-44' }],
    ['DataMatrix symbology identifier and leading FNC1', `]d2${GS}01103001234567821728022910LOT/7`, { gtin: '10300123456782', expiresOn: '2028-02-29', lot: 'LOT/7' }],
    ['GS1-128 symbology identifier', ']C101095060001343521727123110GLU2291', { gtin: '09506000134352', expiresOn: '2027-12-31', lot: 'GLU2291' }],
    ['separator typed as <GS>', '010950600013435210VC-0925<GS>1727093021S1', { gtin: '09506000134352', expiresOn: '2027-09-30', lot: 'VC-0925', serial: 'S1' }],
    ['separator sent as |', '010950600013435210VC-0925|17270930', { gtin: '09506000134352', expiresOn: '2027-09-30', lot: 'VC-0925' }],
    ['brackets with spaces, as printed under a barcode', '(01) 09506000134352 (17) 271231 (10) GLU-2291', { gtin: '09506000134352', expiresOn: '2027-12-31', lot: 'GLU-2291' }],
    ['other AIs are read and passed over', '(01)09506000134352(11)250115(17)270115(10)A1(30)10(714)1234567', { gtin: '09506000134352', expiresOn: '2027-01-15', lot: 'A1' }],
    ['trailing Enter from the scanner', '(01)09506000134352(17)271231(10)GLU-2291\r\n', { gtin: '09506000134352', expiresOn: '2027-12-31', lot: 'GLU-2291' }],
    ['a bare EAN-13', '5012345678900', { gtin: '05012345678900' }],
    ['a bare UPC-A', '036000291452', { gtin: '00036000291452' }],
    ['a bare GTIN-14 (ITF-14 carton)', '10300123456782', { gtin: '10300123456782' }],
  ])('%s', (_, text, expected) => {
    const result = read(text);
    expect(result.ok ? undefined : result.error).toBeUndefined();
    if (!result.ok) return;
    const { elements: _elements, ...data } = result.data;
    expect(data).toEqual(expected);
  });

  describe('expiry (17): day 00 is the last day of the month', () => {
    it.each([
      ['270200', '2027-02-28'],
      ['280200', '2028-02-29'],
      ['261100', '2026-11-30'],
      ['271200', '2027-12-31'],
      ['270400', '2027-04-30'],
      ['270401', '2027-04-01'],
    ])('(17)%s is %s', (yymmdd, day) => {
      const result = read(`(01)09506000134352(17)${yymmdd}(10)X1`);
      expect(result.ok && result.data.expiresOn).toBe(day);
    });

    it.each([
      [2026, '760101', '2076-01-01'],
      [2026, '770101', '1977-01-01'],
      [2026, '000101', '2000-01-01'],
      [2075, '250101', '2125-01-01'],
    ])('GS1 century rule: in %i, %s is %s', (year, yymmdd, day) => {
      expect(gs1Date(yymmdd, year)).toBe(day);
    });
  });

  it.each([
    ['a wrong GTIN check digit', '(01)09506000134353(17)271231(10)GLU-2291', /check digit.*2, not 3/],
    ['a wrong check digit, raw', '01095060001343591727123110GLU-2291', /check digit/],
    ['a bare EAN-13 with a wrong check digit', '5012345678901', /check digit/],
    ['a GTIN one digit short', '(01)0950600013435(17)271231', /14 characters/],
    ['month 13', '(01)09506000134352(17)271301(10)A', /not a real date/],
    ['30 February', '(01)09506000134352(17)270230(10)A', /not a real date/],
    ['letters in the date', '(01)09506000134352(17)27AB01(10)A', /not a real date/],
    ['a lot that runs on because the separator is missing', '010950600013435210ABCDEFGHIJKLMNOPQRSTUV21SERIAL', /longer than 20.*separator/],
    ['an unknown application identifier', '(01)09506000134352(42)123', /\(42\) is not an application identifier/],
    ['an unknown identifier, raw', '0109506000134352421234', /no known application identifier at "421234"/],
    ['a barcode cut short', '0109506000134352172712', /cut short/],
    ['a character no barcode can carry', '(01)09506000134352(10)LOT#1', /characters a barcode cannot carry/],
    ['one AI twice with two values', '(01)09506000134352(10)A1(10)B2', /twice/],
    ['spaces inside a raw string', '0109506000134352 17271231', /spaces/],
    ['plain words', 'glutathione', /no known application identifier/],
    ['nothing', '   ', /empty/],
    ['an empty lot', '(01)09506000134352(10)', /empty/],
  ])('refuses %s', (_, text, message) => {
    const result = read(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('GTIN check digits: the GS1 examples, and every length a box may print', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2);
    expect(gs1CheckDigit('501234567890')).toBe(0);
    expect(gs1CheckDigit('9638507')).toBe(4); // GTIN-8 96385074
    expect(gtinProblem('96385074')).toBeNull();
    expect(gtinProblem('96385075')).toMatch(/check digit/);
    expect(gtinProblem('12345')).toMatch(/8, 12, 13 or 14/);
    expect(gtinProblem('50123456789OO')).toMatch(/digits only/);
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('5012345678901')).toBeNull();
  });

  it('any well-formed code reads back the same, bracketed or raw', () => {
    const set82 = [...'!"%&\'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'];
    const text = (max: number) => fc.array(fc.constantFrom(...set82), { minLength: 1, maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2075-12-31T00:00:00Z'), noInvalidDate: true }),
        text(20),
        fc.option(text(20), { nil: undefined }),
        (digits, date, lot, serial) => {
          const body = digits.join('');
          const gtin = body + gs1CheckDigit(body);
          const day = date.toISOString().slice(0, 10);
          const yymmdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
          const raw = `01${gtin}17${yymmdd}10${lot}${serial === undefined ? '' : `${GS}21${serial}`}`;
          const bracketed = `(01)${gtin}(17)${yymmdd}(10)${lot}${serial === undefined ? '' : `(21)${serial}`}`;
          for (const code of [raw, bracketed]) {
            const result = read(code);
            expect(result.ok).toBe(true);
            if (result.ok) expect([result.data.gtin, result.data.expiresOn, result.data.lot, result.data.serial]).toEqual([gtin, day, lot, serial]);
          }
        },
      ),
    );
  });
});
