import { describe, expect, it } from 'vitest';
import { patientFlags } from '../../db/api/fields';
import type { QuestionnaireDefinition } from '../../db/api/intake';
import { refusal, testHost, withStaff, type TestHost } from '../support/host';

const allNo = Object.fromEntries(patientFlags.map((f) => [f, false]));

const clinic = async () => {
  const host = testHost();
  const staff = await withStaff(host);
  const patient = await host.call('patients.create', { firstName: 'Ines', lastName: 'Duarte', dateOfBirth: '1991-04-20' }, staff.frontDesk);
  return { host, staff, patient };
};

const count = (host: TestHost, table: string) => (host.db.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('intake questionnaires', () => {
  it('first-run setup publishes the questionnaire shipped with the app as version 1', async () => {
    const { host, staff } = await clinic();
    const list = await host.call('questionnaires.list', {}, staff.frontDesk);
    expect(list.items.map((q) => [q.version, q.title, q.current])).toEqual([[1, 'Health and skin questionnaire', true]]);
    const q = await host.call('questionnaires.get', {}, staff.frontDesk);
    expect(q.definition.sections.map((s) => s.title)).toContain('Pregnancy and breastfeeding');
    const log = await host.call('audit.query', { action: 'questionnaires.publish' }, staff.admin);
    expect(log.items).toHaveLength(1);
  });

  it('an admin publishes a new version; the old one stays as it was, and nobody can edit it', async () => {
    const { host, staff } = await clinic();
    const v1 = await host.call('questionnaires.get', {}, staff.admin);
    const changed: QuestionnaireDefinition = { ...v1.definition, intro: 'Please answer every question.' };
    const v2 = await host.call('questionnaires.publish', { title: 'Health questionnaire (2027)', definition: changed }, staff.admin);
    expect(v2.version).toBe(2);
    expect((await host.call('questionnaires.get', {}, staff.frontDesk)).version).toBe(2);
    expect((await host.call('questionnaires.get', { version: 1 }, staff.frontDesk)).definition.intro).toBe(v1.definition.intro);
    expect(() => host.db.sql.prepare(`UPDATE questionnaires SET title = 'x' WHERE version = 1`).run()).toThrow(/never changes/);
    expect((await refusal(host.call('questionnaires.publish', { title: 'Mine', definition: changed }, staff.frontDesk))).code).toBe('forbidden');
  });

  it('refuses to publish a definition that drops a safety question, naming where', async () => {
    const { host, staff } = await clinic();
    const v1 = await host.call('questionnaires.get', {}, staff.admin);
    const definition = { ...v1.definition, sections: v1.definition.sections.filter((s) => s.id !== 'pregnancy') };
    const r = await refusal(host.call('questionnaires.publish', { title: 'Short', definition }, staff.admin));
    expect(r.status).toBe(400);
    expect((r.details as { issues: { path: string; message: string }[] }).issues).toEqual([
      { path: 'definition.sections', message: 'must ask every safety question; missing: pregnant, breastfeeding' },
    ]);
    expect(count(host, 'questionnaires')).toBe(1);
  });

  it('asking for a version that does not exist names the field', async () => {
    const { host, staff } = await clinic();
    const r = await refusal(host.call('questionnaires.get', { version: 7 }, staff.frontDesk));
    expect([r.status, (r.details as { issues: { path: string }[] }).issues[0]!.path]).toEqual([400, 'version']);
  });
});

describe('submitting an intake', () => {
  it('keeps the answers with the version answered and sets the patient flags', async () => {
    const { host, staff, patient } = await clinic();
    const intake = await host.call('intake.submit', { patientId: patient.id, answers: { ...allNo, g6pd_deficiency: true, skin_type: 'type_4' } }, staff.frontDesk);
    expect([intake.questionnaireVersion, intake.flags, intake.answers.skin_type, intake.submittedBy]).toEqual([1, ['g6pd_deficiency'], 'type_4', staff.ids.frontDesk]);
    const after = await host.call('patients.get', { id: patient.id }, staff.frontDesk);
    expect([after.flags, after.version]).toEqual([['g6pd_deficiency'], patient.version + 1]);
  });

  it('a newer intake replaces the flags; the earlier intake and its flags are kept', async () => {
    const { host, staff, patient } = await clinic();
    await host.call('intake.submit', { patientId: patient.id, answers: { ...allNo, pregnant: true, recent_tan: true } }, staff.frontDesk);
    await host.call('intake.submit', { patientId: patient.id, answers: { ...allNo, breastfeeding: true } }, staff.frontDesk);
    expect((await host.call('patients.get', { id: patient.id }, staff.frontDesk)).flags).toEqual(['breastfeeding']);
    const history = await host.call('intake.forPatient', { patientId: patient.id }, staff.practitioner);
    expect(history.items.map((i) => i.flags)).toEqual([['breastfeeding'], ['pregnant', 'recent_tan']]);
    expect(() => host.db.sql.prepare(`UPDATE intakes SET flags = '[]'`).run()).toThrow(/never changes/);
    const log = await host.call('audit.query', { patientId: patient.id, action: 'intake.forPatient' }, staff.admin);
    expect(log.items.map((e) => e.userId)).toEqual([staff.ids.practitioner]);
  });

  it('answers an older version when asked to', async () => {
    const { host, staff, patient } = await clinic();
    const v1 = await host.call('questionnaires.get', {}, staff.admin);
    await host.call('questionnaires.publish', { title: 'Second', definition: v1.definition }, staff.admin);
    const intake = await host.call('intake.submit', { patientId: patient.id, questionnaireVersion: 1, answers: allNo }, staff.frontDesk);
    expect(intake.questionnaireVersion).toBe(1);
  });

  it.each([
    ['an answer of the wrong type', { answers: { ...allNo, g6pd_deficiency: 'yes' } }, 400, 'answers.g6pd_deficiency', /yes or no/],
    ['an unanswered safety question', { answers: { ...allNo, pregnant: undefined } }, 400, 'answers.pregnant', /needs an answer/],
    ['a question that is not on the questionnaire', { answers: { ...allNo, shoe_size: '42' } }, 400, 'answers.shoe_size', /not a question/],
    ['a questionnaire version that does not exist', { questionnaireVersion: 9, answers: allNo }, 400, 'questionnaireVersion', /version 9 does not exist/],
    ['answers that are not a set of answers', { answers: ['yes'] }, 400, 'answers', /answers/],
  ])('refuses %s, naming the field, and saves nothing', async (_case, change, status, path, message) => {
    const { host, staff, patient } = await clinic();
    const r = await refusal(host.call('intake.submit', { patientId: patient.id, ...change } as never, staff.frontDesk));
    expect(r.status).toBe(status);
    const issue = (r.details as { issues: { path: string; message: string }[] }).issues.find((i) => i.path === path);
    expect(issue?.message).toMatch(message);
    expect(count(host, 'intakes')).toBe(0);
    const after = await host.call('patients.get', { id: patient.id }, staff.frontDesk);
    expect([after.flags, after.version]).toEqual([[], patient.version]);
  });

  it('refuses an intake for a patient who does not exist or is archived', async () => {
    const { host, staff, patient } = await clinic();
    expect((await refusal(host.call('intake.submit', { patientId: 999, answers: allNo }, staff.frontDesk))).code).toBe('not_found');
    await host.call('patients.archive', { id: patient.id, version: patient.version, reason: 'duplicate record' }, staff.frontDesk);
    expect((await refusal(host.call('intake.submit', { patientId: patient.id, answers: allNo }, staff.frontDesk))).code).toBe('conflict');
  });
});

describe('a staff member unlocking the tablet', () => {
  it('checks any active staff member’s password without changing the sign-in, and audits both outcomes', async () => {
    const { host, staff } = await clinic();
    const ok = await host.call('auth.verifyPassword', { username: 'PRIYA', password: 'staff password 1' }, staff.frontDesk);
    expect(ok.user).toEqual({ id: staff.ids.practitioner, name: 'Priya Practitioner', role: 'practitioner' });
    const wrong = await refusal(host.call('auth.verifyPassword', { username: 'priya', password: 'guess' }, staff.frontDesk));
    expect([wrong.status, wrong.code, (wrong.details as { issues: { path: string }[] }).issues[0]!.path]).toEqual([400, 'invalid_input', 'password']);
    const nobody = await refusal(host.call('auth.verifyPassword', { username: 'nobody', password: 'guess' }, staff.frontDesk));
    expect(nobody.message).toBe(wrong.message);
    // The front desk's own sign-in is untouched by a wrong guess.
    expect((await host.call('auth.me', {}, staff.frontDesk)).user.id).toBe(staff.ids.frontDesk);
    const log = await host.call('audit.query', { limit: 5 }, staff.admin);
    expect(log.items.map((e) => e.action).slice(0, 3)).toEqual(['auth.verify_failed', 'auth.verify_failed', 'auth.verifyPassword']);
    expect((await refusal(host.call('auth.verifyPassword', { username: 'priya', password: 'staff password 1' }, null))).code).toBe('unauthenticated');
  });
});
