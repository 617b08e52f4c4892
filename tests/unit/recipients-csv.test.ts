import { describe, expect, it } from 'vitest';
import type { Recipient } from '../../db/api/lots';
import { csvCell, recallFileName, recipientsCsv } from '../../renderer/inventory/recipients-csv';
import { quantityWithUnit } from '../../renderer/inventory/format';

const recipient = (over: Partial<Recipient['patient']> = {}): Recipient => ({
  patient: { id: 1, chartNumber: 'SC-000001', firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14', phone: '+1 555 201 3344', email: 'm@example.com', address: '4 Harbour Road, Apt "B"', archivedAt: null, ...over },
  sessionId: 7,
  performedAt: '2026-02-10T10:00:00.000Z',
  treatmentType: 'iv_glutathione',
  quantity: 1.5,
  unit: 'vial',
  lotId: 3,
  lotNumber: 'GLU-2291',
  productName: 'Glutathione, 600 mg',
});

describe('the recall list as CSV', () => {
  it('one header and one line per session, quoted where needed, with a byte-order mark for accents', () => {
    const csv = recipientsCsv([recipient()]);
    expect(csv.startsWith('\uFEFFChart number,Last name,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('SC-000001,Núñez,Marisol,1988-03-14,+1 555 201 3344,m@example.com,"4 Harbour Road, Apt ""B""",2026-02-10T10:00:00.000Z,7,iv_glutathione,"Glutathione, 600 mg",GLU-2291,1.5,vial');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-2+3+cmd|calc', "'-2+3+cmd|calc"],
    ['+1 555 201 3344', '+1 555 201 3344'],
    ['Ana', 'Ana'],
    ['line\nbreak', '"line\nbreak"'],
  ])('a cell %j is written %s (never read as a formula)', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('names the file after the lot and the day', () => {
    expect(recallFileName('GLU 2291/B', '2026-03-02')).toBe('recall-GLU_2291_B-2026-03-02.csv');
  });

  it('quantities read naturally', () => {
    expect([quantityWithUnit(1, 'vial'), quantityWithUnit(3, 'vial'), quantityWithUnit(2.5, 'mL'), quantityWithUnit(0.1 + 0.2, 'g'), quantityWithUnit(-1, 'vial'), quantityWithUnit(55, 'each')]).toEqual(['1 vial', '3 vials', '2.5 mL', '0.3 g', '-1 vial', '55 each']);
  });
});
