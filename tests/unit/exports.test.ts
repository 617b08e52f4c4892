import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '../../db/csv';
import { refusal, testHost, withStaff } from '../support/host';

/** A minimal CSV reader (RFC 4180), to read back what was written. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
};

describe('CSV', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ['+1 555 0100', `'+1 555 0100`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['Núñez', 'Núñez'],
    ['a=b', 'a=b'],
  ])('neutralises %s', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks, and reads back the same cells', () => {
    const csv = toCsv(['Name', 'Notes'], [['O"Brien, Marie', 'line one\nline two'], [null, 3]]);
    expect(csv).toBe('Name,Notes\r\n"O""Brien, Marie","line one\nline two"\r\n,3\r\n');
    expect(parseCsv(csv)).toEqual([['Name', 'Notes'], ['O"Brien, Marie', 'line one\nline two'], ['', '3']]);
  });

  it('never writes a cell a spreadsheet would run, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = parseCsv(toCsv(cells.map((_, i) => `c${i}`), [cells])).slice(1);
        expect(row!.every((c) => !/^[=+\-@\t\r]/.test(c))).toBe(true);
        expect(row!.map((c, i) => (c === cells[i] ? c : c.slice(1)))).toEqual(cells);
      }),
    );
  });
});

describe('exports', () => {
  it('the patient list: admin only, formulas neutralised, archived left out unless asked, audited', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    await host.call('patients.create', { firstName: '=cmd|"/c calc"!A1', lastName: 'Evil', dateOfBirth: '1980-01-01', phone: '+1 555 0100 999' }, staff.frontDesk);
    const gone = await host.call('patients.create', { firstName: 'Old', lastName: 'Record', dateOfBirth: '1950-01-01' }, staff.frontDesk);
    await host.call('patients.archive', { id: gone.id, version: 1, reason: 'moved away' }, staff.frontDesk);
    expect((await refusal(host.call('exports.patients', {}, staff.frontDesk))).code).toBe('forbidden');
    const file = await host.call('exports.patients', {}, staff.admin);
    expect(file.fileName).toBe('patients-2026-03-02.csv');
    const rows = parseCsv(file.csv);
    expect(rows[0]!.slice(0, 6)).toEqual(['Chart number', 'Last name', 'First name', 'Date of birth', 'Sex', 'Phone']);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[5]])).toEqual([['SC-000001', `'=cmd|"/c calc"!A1`, "'+1 555 0100 999"]]);
    expect(file.rows).toBe(1);
    expect((await host.call('exports.patients', { includeArchived: true }, staff.admin)).rows).toBe(2);
    const log = await host.call('audit.query', { action: 'exports.patients' }, staff.admin);
    expect(log.items).toHaveLength(2);
  });

  it("a day's schedule, with what is missing before treatment", async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const p = await host.call('patients.create', { firstName: 'Ana', lastName: '@Silva', dateOfBirth: '1985-06-15' }, staff.frontDesk);
    const startsAt = new Date(2026, 2, 9, 10, 0).toISOString();
    const endsAt = new Date(2026, 2, 9, 10, 30).toISOString();
    await host.call('appointments.book', { patientId: p.id, practitionerId: staff.ids.practitioner, treatmentType: 'iv_glutathione', room: 'Room 1', startsAt, endsAt }, staff.frontDesk);
    const file = await host.call('exports.schedule', { date: '2026-03-09' }, staff.frontDesk);
    expect(file.fileName).toBe('schedule-2026-03-09.csv');
    const [header, row] = parseCsv(file.csv);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect([cell('Start'), cell('End'), cell('Patient'), cell('Treatment'), cell('Practitioner'), cell('Status')]).toEqual([
      '10:00',
      '10:30',
      "'@Silva, Ana",
      'IV glutathione',
      'Priya Practitioner',
      'Booked',
    ]);
    expect(cell('Missing before treatment')).toBe('No intake questionnaire on file; No signed consent for IV glutathione');
    const log = await host.call('audit.query', { action: 'exports.schedule' }, staff.admin);
    expect(log.items.map((e) => [e.userId, e.entityId])).toEqual([[staff.ids.frontDesk, '2026-03-09']]);
  });
});
