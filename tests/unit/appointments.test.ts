import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../db/api';
import { patientFlags } from '../../db/api/fields';
import { localDateOf } from '../../db/rules/schedule';
import { refusal, STAFF_PASSWORD, testHost, withStaff, type TestHost } from '../support/host';

// The test clock starts on 2026-03-02 at 09:00 UTC; bookings are a week later, in the host's own time zone.
const DAY = '2026-03-09';
/** An instant on DAY at a local clock time, with its UTC offset written out. */
const at = (hhmm: string, date = DAY) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, h, min).toISOString();
};

const allNo = Object.fromEntries(patientFlags.map((f) => [f, false]));

const clinic = async () => {
  const host = testHost();
  const staff = await withStaff(host);
  const ana = await host.call('patients.create', { firstName: 'Ana', lastName: 'Silva', dateOfBirth: '1985-06-15', phone: '+1 555 0100 222' }, staff.frontDesk);
  const ben = await host.call('patients.create', { firstName: 'Ben', lastName: 'Okoro', dateOfBirth: '1979-01-30' }, staff.frontDesk);
  const nadia = await host.call('users.create', { name: 'Nadia Nurse', username: 'nadia', password: STAFF_PASSWORD, role: 'practitioner' }, staff.admin);
  type Book = InputOf<'appointments.book'>;
  const book = (change: Partial<Book> = {}, token = staff.frontDesk) =>
    host.call(
      'appointments.book',
      { patientId: ana.id, practitionerId: staff.ids.practitioner, room: 'Room 1', treatmentType: 'iv_glutathione', startsAt: at('10:00'), endsAt: at('10:45'), ...change },
      token,
    );
  return { host, staff, ana, ben, nadia, book };
};

/** Moves the clock (sign-ins end after 12 hours) and signs the front desk in again. */
const moveClockTo = async (host: TestHost, iso: string) => {
  host.clock.set(iso);
  return (await host.call('auth.login', { username: 'femi', password: STAFF_PASSWORD }, null)).token;
};

const count = (host: TestHost) => (host.db.sql.prepare(`SELECT count(*) AS n FROM appointments`).get() as { n: number }).n;
const issuePath = (e: { details?: unknown }) => (e.details as { issues?: { path: string }[] }).issues?.[0]?.path;

describe('booking', () => {
  it('books an appointment, stored in UTC whatever offset it was sent with', async () => {
    const { host, staff, ana } = await clinic();
    const a = await host.call(
      'appointments.book',
      { patientId: ana.id, practitionerId: staff.ids.practitioner, treatmentType: 'laser', startsAt: '2026-03-09T10:00:00+02:00', endsAt: '2026-03-09T10:30:00+02:00' },
      staff.frontDesk,
    );
    expect([a.startsAt, a.endsAt, a.status, a.practitionerName, a.patient.chartNumber, a.room]).toEqual([
      '2026-03-09T08:00:00.000Z',
      '2026-03-09T08:30:00.000Z',
      'booked',
      'Priya Practitioner',
      ana.chartNumber,
      null,
    ]);
    const log = await host.call('audit.query', { patientId: ana.id, action: 'appointments.book' }, staff.admin);
    expect(log.items).toHaveLength(1);
  });

  it.each([
    ['booking in the past', { startsAt: '2026-03-01T10:00:00Z', endsAt: '2026-03-01T10:30:00Z' }, 400, 'startsAt', /in the past/],
    ['an end before the start', { startsAt: at('11:00'), endsAt: at('10:30') }, 400, 'endsAt', /after the start/],
    ['an end equal to the start', { startsAt: at('11:00'), endsAt: at('11:00') }, 400, 'endsAt', /after the start/],
    ['a visit longer than 12 hours', { startsAt: at('08:00'), endsAt: at('08:00', '2026-03-10') }, 400, 'endsAt', /at most 12 hours/],
    ['a time without its offset', { startsAt: '2026-03-09T10:00:00' }, 400, 'startsAt', /with offset/],
    ['an unknown practitioner', { practitionerId: 999 }, 400, 'practitionerId', /active practitioner/],
    ['an unknown treatment type', { treatmentType: 'tattoo' }, 400, 'treatmentType', /known treatment type/],
    ['an unknown patient', { patientId: 999 }, 400, 'patientId', /no patient/],
  ])('refuses %s, naming the field, and saves nothing', async (_case, change, status, field, message) => {
    const { host, book } = await clinic();
    const r = await refusal(book(change as never));
    expect(r.status).toBe(status);
    const issue = (r.details as { issues: { path: string; message: string }[] }).issues[0]!;
    expect([issue.path, issue.message]).toEqual([field, expect.stringMatching(message)]);
    expect(count(host)).toBe(0);
  });

  it('refuses a practitioner who is front desk only, or no longer active', async () => {
    const { host, staff, nadia, book } = await clinic();
    expect(issuePath(await refusal(book({ practitionerId: staff.ids.frontDesk })))).toBe('practitionerId');
    await host.call('users.update', { id: nadia.id, version: nadia.version, active: false }, staff.admin);
    expect(issuePath(await refusal(book({ practitionerId: nadia.id })))).toBe('practitionerId');
    // An admin may treat.
    expect((await book({ practitionerId: staff.ids.admin })).practitionerName).toBe('Ada Admin');
  });

  it('books "now" for a walk-in, but not a minute ago', async () => {
    const { host, book } = await clinic();
    const desk = await moveClockTo(host, new Date(Date.parse(at('09:30')) + 20_000).toISOString());
    expect((await book({ startsAt: at('09:30'), endsAt: at('10:00') }, desk)).status).toBe('booked');
    expect(issuePath(await refusal(book({ startsAt: at('09:29'), endsAt: at('09:30'), room: 'Room 2' }, desk)))).toBe('startsAt');
  });
});

describe('double booking', () => {
  it.each([
    ['the same practitioner', { room: 'Room 2', patientId: 'ben' }, 'practitionerId'],
    ['the same room, however it is written', { practitionerId: 'nadia', room: '  room   1 ', patientId: 'ben' }, 'room'],
    ['the same patient', { practitionerId: 'nadia', room: 'Room 2' }, 'patientId'],
  ] as const)('is refused with 409 conflict for %s', async (_case, who, field) => {
    const { host, book, ben, nadia } = await clinic();
    const first = await book();
    const change = {
      startsAt: at('10:30'),
      endsAt: at('11:00'),
      room: who.room,
      ...('practitionerId' in who && { practitionerId: nadia.id }),
      ...('patientId' in who && { patientId: ben.id }),
    };
    const r = await refusal(book(change));
    expect([r.status, r.code]).toEqual([409, 'conflict']);
    expect(r.details).toMatchObject({ reason: 'overlap', field, appointmentId: first.id, issues: [{ path: field }] });
    expect(r.message).toMatch(/already/);
    expect(count(host)).toBe(1);
  });

  it('allows back-to-back bookings, other rooms and practitioners, and a slot freed by a cancellation', async () => {
    const { host, staff, book, ben, nadia } = await clinic();
    const first = await book();
    await book({ startsAt: at('10:45'), endsAt: at('11:15') });
    await book({ startsAt: at('09:15'), endsAt: at('10:00') });
    await book({ patientId: ben.id, practitionerId: nadia.id, room: 'Room 2', startsAt: at('10:15'), endsAt: at('10:30') });
    await host.call('appointments.cancel', { id: first.id, version: first.version, reason: 'Patient unwell' }, staff.frontDesk);
    const again = await book({ patientId: ben.id, startsAt: at('10:00'), endsAt: at('10:15') });
    expect(again.status).toBe('booked');
  });

  it('an overlap starting the evening before is still found', async () => {
    const { book, ben } = await clinic();
    await book({ startsAt: at('22:00', '2026-03-08'), endsAt: at('02:00') });
    const r = await refusal(book({ patientId: ben.id, room: 'Room 9', startsAt: at('01:00'), endsAt: at('01:30') }));
    expect((r.details as { field: string }).field).toBe('practitionerId');
  });
});

describe('rescheduling and cancelling', () => {
  it('moves an appointment, refusing an overlap with another one but not with itself', async () => {
    const { host, staff, book, ben } = await clinic();
    const a = await book();
    const b = await book({ patientId: ben.id, room: 'Room 2', startsAt: at('11:00'), endsAt: at('11:30') });
    const moved = await host.call('appointments.reschedule', { id: a.id, version: a.version, startsAt: at('10:15'), endsAt: at('11:00') }, staff.frontDesk);
    expect([moved.startsAt, moved.version]).toEqual([at('10:15'), 2]);
    const r = await refusal(host.call('appointments.reschedule', { id: a.id, version: 2, startsAt: at('10:45'), endsAt: at('11:15') }, staff.frontDesk));
    expect([r.code, (r.details as { appointmentId: number }).appointmentId]).toEqual(['conflict', b.id]);
    const stale = await refusal(host.call('appointments.reschedule', { id: a.id, version: 1, startsAt: at('12:00'), endsAt: at('12:30') }, staff.frontDesk));
    expect((stale.details as { reason: string }).reason).toBe('stale_version');
    const past = await refusal(host.call('appointments.reschedule', { id: a.id, version: 2, startsAt: '2026-03-01T12:00:00Z', endsAt: '2026-03-01T12:30:00Z' }, staff.frontDesk));
    expect(issuePath(past)).toBe('startsAt');
    expect((await host.call('appointments.day', { date: DAY }, staff.frontDesk)).items.find((i) => i.id === a.id)!.startsAt).toBe(at('10:15'));
  });

  it('cancels with a reason, once, and keeps the appointment in the day list', async () => {
    const { host, staff, book } = await clinic();
    const a = await book();
    const noReason = await refusal(host.call('appointments.cancel', { id: a.id, version: 1, reason: '' }, staff.frontDesk));
    expect(issuePath(noReason)).toBe('reason');
    const c = await host.call('appointments.cancel', { id: a.id, version: 1, reason: 'Patient rang to cancel' }, staff.frontDesk);
    expect([c.status, c.cancelReason, c.missing]).toEqual(['cancelled', 'Patient rang to cancel', []]);
    expect((await refusal(host.call('appointments.cancel', { id: a.id, version: 2, reason: 'again' }, staff.frontDesk))).code).toBe('conflict');
    expect((await refusal(host.call('appointments.reschedule', { id: a.id, version: 2, startsAt: at('12:00'), endsAt: at('12:30') }, staff.frontDesk))).code).toBe('conflict');
    expect((await host.call('appointments.day', { date: DAY }, staff.frontDesk)).items.map((i) => i.status)).toEqual(['cancelled']);
  });
});

describe("a day's list", () => {
  it('lists the local day in time order, per practitioner and per room', async () => {
    const { host, staff, book, ben, nadia } = await clinic();
    await book({ startsAt: at('14:00'), endsAt: at('14:30') });
    await book({ patientId: ben.id, practitionerId: nadia.id, room: 'Room 2', startsAt: at('09:00'), endsAt: at('09:30') });
    await book({ startsAt: at('00:00', '2026-03-10'), endsAt: at('00:30', '2026-03-10') });
    const day = (input: Partial<InputOf<'appointments.day'>>) => host.call('appointments.day', { date: DAY, ...input }, staff.frontDesk);
    expect((await day({})).items.map((i) => [i.patient.lastName, i.practitionerName])).toEqual([
      ['Okoro', 'Nadia Nurse'],
      ['Silva', 'Priya Practitioner'],
    ]);
    expect((await day({ practitionerId: nadia.id })).items.map((i) => i.patient.lastName)).toEqual(['Okoro']);
    expect((await day({ room: 'ROOM 1' })).items.map((i) => i.patient.lastName)).toEqual(['Silva']);
    expect((await day({ date: '2026-03-10' })).items).toHaveLength(1);
    expect((await host.call('appointments.rooms', {}, staff.frontDesk)).items).toEqual(['Room 1', 'Room 2']);
    expect(issuePath(await refusal(day({ date: '2026-02-30' })))).toBe('date');
  });
});

describe('check-in and what is missing before treatment', () => {
  const addConsent = (host: TestHost, patientId: number, treatmentType: string, signedAt: string) => {
    // The clinic's current wording for this treatment (seeded at setup), or a first version.
    const t = (host.db.sql.prepare(`SELECT id FROM consent_templates WHERE treatment_type = ? ORDER BY version DESC LIMIT 1`).get(treatmentType) ??
      host.db.sql
        .prepare(`INSERT INTO consent_templates (treatment_type, version, title, body, published_at) VALUES (?, 1, 'Consent', 'Wording', ?) RETURNING id`)
        .get(treatmentType, signedAt)) as { id: number };
    host.db.sql
      .prepare(
        `INSERT INTO consents (patient_id, template_id, treatment_type, rendered_text, fields, signature, signed_by_name, photo_consent, signed_at, content_hash)
         VALUES (?, ?, ?, 'Wording', '{}', 'data:image/png;base64,AA==', 'Ana Silva', 0, ?, 'hash')`,
      )
      .run(patientId, t.id, treatmentType, signedAt);
  };

  it('lists a missing intake and a missing consent for the booked treatment, and checks the patient in anyway', async () => {
    const { host, book } = await clinic();
    const a = await book();
    expect(a.missing.map((m) => m.message)).toEqual(['No intake questionnaire on file', 'No signed consent for IV glutathione']);
    const desk = await moveClockTo(host, at('09:50'));
    const checkedIn = await host.call('appointments.checkIn', { id: a.id, version: a.version }, desk);
    expect([checkedIn.status, checkedIn.checkedInAt]).toEqual(['checked_in', host.clock.now().toISOString()]);
    expect(checkedIn.missing.map((m) => [m.kind, m.reason, m.treatmentType])).toEqual([
      ['intake', 'absent', null],
      ['consent', 'absent', 'iv_glutathione'],
    ]);
    const again = await refusal(host.call('appointments.checkIn', { id: a.id, version: checkedIn.version }, desk));
    expect([again.code, again.message]).toEqual(['conflict', expect.stringMatching(/already checked in/)]);
  });

  it('lists nothing once a recent intake and a valid consent are on file', async () => {
    const { host, staff, ana, book } = await clinic();
    await host.call('intake.submit', { patientId: ana.id, answers: allNo }, staff.frontDesk);
    addConsent(host, ana.id, 'iv_glutathione', '2026-03-01T10:00:00.000Z');
    addConsent(host, ana.id, 'laser', '2024-01-01T10:00:00.000Z');
    expect((await book()).missing).toEqual([]);
    const laser = await book({ treatmentType: 'laser', startsAt: at('12:00'), endsAt: at('12:30') });
    expect(laser.missing.map((m) => [m.kind, m.reason])).toEqual([['consent', 'expired']]);
  });

  it('asks for a new intake when the last one is older than the clinic allows', async () => {
    const { host, staff, ana, book } = await clinic();
    await host.call('intake.submit', { patientId: ana.id, answers: allNo }, staff.frontDesk);
    await host.call('settings.update', { intakeValidityMonths: 1 }, staff.admin);
    const a = await book({ startsAt: at('10:00', '2026-04-09'), endsAt: at('10:30', '2026-04-09') });
    expect(a.missing[0]).toMatchObject({ kind: 'intake', reason: 'expired', message: expect.stringMatching(/out of date \(last filled in on 2026-03-02; valid for 1 months\)/) });
  });

  it('checks a patient in on the day of the appointment only', async () => {
    const { host, staff, book } = await clinic();
    const a = await book();
    const early = await refusal(host.call('appointments.checkIn', { id: a.id, version: 1 }, staff.frontDesk));
    expect([early.code, early.message]).toEqual(['conflict', `conflict: This appointment is on ${DAY}; a patient is checked in on the day`]);
    const desk = await moveClockTo(host, at('07:00'));
    expect(localDateOf(host.clock.now())).toBe(DAY);
    expect((await host.call('appointments.checkIn', { id: a.id, version: 1 }, desk)).status).toBe('checked_in');
  });
});
