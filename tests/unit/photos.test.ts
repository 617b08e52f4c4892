import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../db/api/photos';
import type { TreatmentType } from '../../db/api/fields';
import { refusal, testHost, withStaff, type TestHost } from '../support/host';
import { JPEG, jpegWithMetadata, photoDataUrl, pngWithMetadata, SECRET, webpWithMetadata } from '../support/photos';
import { rgbaPng, signature } from '../support/png';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const YEARS = 10 * 365 * 86_400_000;

async function clinic(key?: Buffer) {
  const host = testHost({ sessions: { maxAgeMs: YEARS, idleMs: YEARS }, ...(key && { key }) });
  const staff = await withStaff(host);
  const patient = await host.call('patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, staff.frontDesk);
  const sign = async (treatmentType: TreatmentType, photoConsent: boolean, patientId = patient.id) => {
    const template = (await host.call('consents.templates.list', { treatmentType }, staff.frontDesk)).items[0]!;
    return host.call('consents.sign', { patientId, templateId: template.id, signature: signature(), signedByName: 'Marisol Núñez', photoConsent }, staff.frontDesk);
  };
  const start = (treatmentType: TreatmentType, performedAt?: string) =>
    host.call('sessions.start', { patientId: patient.id, treatmentType, ...(performedAt && { performedAt }) }, staff.practitioner);
  return { host, staff, patient, sign, start };
}

const photosDir = (host: TestHost) => join(host.dataDir, 'photos');
const filesUnder = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : [];
const photoRows = (host: TestHost) => (host.db.sql.prepare('SELECT count(*) AS n FROM session_photos').get() as { n: number }).n;
const fieldOf = (details: unknown) => (details as { issues?: { path: string }[] } | undefined)?.issues?.[0]?.path;

describe('photos.add', () => {
  it('stores the photo without its metadata, with the SHA-256 of what was stored, and audits it', async () => {
    const { host, staff, patient, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    host.clock.advance(60_000);
    const added = await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(jpegWithMetadata()) }, staff.practitioner);
    expect(added).toMatchObject({
      sessionId: session.id,
      patientId: patient.id,
      treatmentType: 'laser',
      kind: 'before',
      mime: 'image/jpeg',
      width: 16,
      height: 12,
      takenAt: host.clock.current.toISOString(),
      userId: staff.ids.practitioner,
      userName: 'Priya Practitioner',
    });
    const [file, ...others] = filesUnder(photosDir(host));
    expect(others).toEqual([]);
    expect(file).toMatch(new RegExp(`photos/${session.id}/[0-9a-f-]{36}\\.jpg$`));
    const stored = readFileSync(file!);
    expect(stored.toString('latin1')).not.toContain(SECRET);
    expect(stored.length).toBe(added.bytes);
    expect(added.sha256).toBe(sha256(stored));
    expect(host.db.sql.prepare('SELECT sha256, file_name AS fileName, bytes FROM session_photos WHERE id = ?').get(added.id)).toEqual({
      sha256: sha256(stored),
      fileName: `${session.id}/${file!.split('/').pop()}`,
      bytes: stored.length,
    });

    const got = await host.call('photos.get', { id: added.id }, staff.admin);
    expect(got).toMatchObject({ id: added.id, sha256: added.sha256 });
    expect(got.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(sha256(Buffer.from(got.dataUrl.split(',')[1]!, 'base64'))).toBe(added.sha256);

    const audit = (await host.call('audit.query', { patientId: patient.id }, staff.admin)).items.filter((e) => e.action.startsWith('photos.'));
    expect(audit.map((e) => [e.action, e.entity, e.entityId, e.userId])).toEqual(
      expect.arrayContaining([
        ['photos.add', 'photo', String(added.id), staff.ids.practitioner],
        ['photos.get', 'photo', String(added.id), staff.ids.admin],
      ]),
    );
  });

  it.each([
    ['PNG', photoDataUrl(pngWithMetadata(), 'image/png'), 'image/png', 'png'],
    ['WebP', photoDataUrl(webpWithMetadata(), 'image/webp'), 'image/webp', 'webp'],
    // The bytes decide, not the label: a PNG labelled JPEG is stored as the PNG it is.
    ['PNG labelled as JPEG', photoDataUrl(pngWithMetadata(), 'image/jpeg'), 'image/png', 'png'],
  ])('stores a %s, stripped', async (_name, image, mime, ext) => {
    const { host, staff, sign, start } = await clinic();
    await sign('microneedling', true);
    const session = await start('microneedling');
    const added = await host.call('photos.add', { sessionId: session.id, kind: 'after', image }, staff.admin);
    expect(added).toMatchObject({ mime, width: 16, height: 12, kind: 'after' });
    const [file] = filesUnder(photosDir(host));
    expect(file!.endsWith(`.${ext}`)).toBe(true);
    expect(readFileSync(file!).toString('latin1')).not.toContain(SECRET);
  });

  it('keeps the time the photo was taken; a time in the future is refused', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('ipl', true);
    const session = await start('ipl', '2026-03-01T10:00:00+00:00');
    const earlier = await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG), takenAt: '2026-03-01T10:05:00+01:00' }, staff.practitioner);
    expect(earlier.takenAt).toBe('2026-03-01T09:05:00.000Z');
    const future = await refusal(host.call('photos.add', { sessionId: session.id, kind: 'after', image: photoDataUrl(JPEG), takenAt: '2026-03-03T09:00:00Z' }, staff.practitioner));
    expect(future.code).toBe('invalid_input');
    expect(fieldOf(future.details)).toBe('takenAt');
  });

  it('may add photos to a signed (locked) session: after photos are often taken once the chart is signed', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('chemical_peel', true);
    const session = await start('chemical_peel');
    host.db.sql.prepare(`UPDATE treatment_sessions SET status = 'signed', signed_at = ?, signed_by = ? WHERE id = ?`).run(host.clock.current.toISOString(), staff.ids.practitioner, session.id);
    expect((await host.call('photos.add', { sessionId: session.id, kind: 'after', image: photoDataUrl(JPEG) }, staff.practitioner)).kind).toBe('after');
  });
});

describe('photos are refused', () => {
  it('to the front desk, for every photo command (403), and the attempt is audited', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    const photo = await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner);
    const attempts = [
      host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.frontDesk),
      host.call('photos.list', { sessionId: session.id }, staff.frontDesk),
      host.call('photos.list', { patientId: session.patientId }, staff.frontDesk),
      host.call('photos.get', { id: photo.id }, staff.frontDesk),
    ];
    for (const attempt of attempts) expect(await refusal(attempt)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(photoRows(host)).toBe(1);
    const denied = (await host.call('audit.query', { userId: staff.ids.frontDesk }, staff.admin)).items.filter((e) => e.action.startsWith('denied:photos.'));
    expect(denied.map((e) => e.action).sort()).toEqual(['denied:photos.add', 'denied:photos.get', 'denied:photos.list', 'denied:photos.list']);
  });

  it.each([
    ['no consent at all', async () => {}],
    ['a consent that said no to photographs', async (c: Awaited<ReturnType<typeof clinic>>) => void (await c.sign('laser', false))],
    ['photo consent for another treatment only', async (c: Awaited<ReturnType<typeof clinic>>) => void (await c.sign('ipl', true))],
    [
      'a photo consent that was voided (withdrawn)',
      async (c: Awaited<ReturnType<typeof clinic>>) => {
        const consent = await c.sign('laser', true);
        await c.host.call('consents.void', { id: consent.id, reason: 'Patient withdrew consent to photographs' }, c.staff.frontDesk);
      },
    ],
    [
      'a newer consent saying no replaces an older yes',
      async (c: Awaited<ReturnType<typeof clinic>>) => {
        await c.sign('laser', true);
        c.host.clock.advance(60_000);
        await c.sign('laser', false);
      },
    ],
  ])('without photo consent: %s (consent_missing, nothing stored)', async (_name, arrange) => {
    const c = await clinic();
    await arrange(c);
    const session = await c.start('laser');
    const refused = await refusal(c.host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, c.staff.practitioner));
    expect(refused).toMatchObject({ status: 409, code: 'consent_missing' });
    expect(refused.message).toMatch(/photo consent/i);
    expect(refused.message).toMatch(/laser treatment consent signed with "yes" to photographs/);
    expect(photoRows(c.host)).toBe(0);
    expect(filesUnder(photosDir(c.host))).toEqual([]);
    const listed = await c.host.call('photos.list', { sessionId: session.id }, c.staff.practitioner);
    expect(listed.sessions).toEqual([expect.objectContaining({ id: session.id, photoConsent: false })]);
  });

  it('once the photo consent has expired', async () => {
    const c = await clinic();
    await c.sign('laser', true);
    const session = await c.start('laser');
    await c.host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, c.staff.practitioner);
    c.host.clock.advance(13 * 31 * 86_400_000);
    expect((await refusal(c.host.call('photos.add', { sessionId: session.id, kind: 'after', image: photoDataUrl(JPEG) }, c.staff.practitioner))).code).toBe('consent_missing');
    // What was taken with consent stays on the chart.
    expect((await c.host.call('photos.list', { sessionId: session.id }, c.staff.practitioner)).items).toHaveLength(1);
  });

  it.each([
    ['words sent as an image', `data:image/png;base64,${Buffer.from('this is not a picture').toString('base64')}`, /image: is not a JPEG, PNG or WebP image/],
    ['a text file', `data:text/plain;base64,${Buffer.from('hello').toString('base64')}`, /image: must be a JPEG, PNG or WebP image/],
    ['a GIF', `data:image/gif;base64,${Buffer.from('GIF89a').toString('base64')}`, /image: must be a JPEG, PNG or WebP image/],
    ['broken base64', 'data:image/jpeg;base64,/9j/4AA*&^%', /image: is not valid base64 data/],
    ['a cut-off JPEG', photoDataUrl(JPEG.subarray(0, 300)), /image: is not a readable JPEG image/],
    ['an empty image', 'data:image/jpeg;base64,', /image: is empty/],
    ['a number', 12, /image: must be a photo sent as a data URL/],
  ])('not an image: %s (invalid_input naming the image)', async (_name, image, message) => {
    const { host, staff, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    const refused = await refusal(host.call('photos.add', { sessionId: session.id, kind: 'before', image: image as string }, staff.practitioner));
    expect(refused).toMatchObject({ status: 400, code: 'invalid_input' });
    expect(fieldOf(refused.details)).toBe('image');
    expect(refused.message).toMatch(message);
    expect(photoRows(host)).toBe(0);
    expect(filesUnder(photosDir(host))).toEqual([]);
  });

  it('over 10 MB, whether the data URL is too long or the decoded image is one byte over', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    const oneByteOver = Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES + 1 - JPEG.length)]);
    const justOver = await refusal(host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(oneByteOver) }, staff.practitioner));
    expect(fieldOf(justOver.details)).toBe('image');
    expect(justOver.message).toMatch(/image: must be at most 10 MB \(this one is 10.00 MB\)/);
    const huge = await refusal(host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(Buffer.alloc(11 * 1024 * 1024, 0xff)) }, staff.practitioner));
    expect(huge.message).toMatch(/: image: must be at most 10 MB$/);
    expect(photoRows(host)).toBe(0);
  });

  it('for a session that does not exist, or a kind other than before/after', async () => {
    const { host, staff } = await clinic();
    const missing = await refusal(host.call('photos.add', { sessionId: 999, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner));
    expect(fieldOf(missing.details)).toBe('sessionId');
    const kind = await refusal(host.call('photos.add', { sessionId: 1, kind: 'during' as never, image: photoDataUrl(JPEG) }, staff.practitioner));
    expect(kind.message).toMatch(/kind: must be before or after/);
  });
});

describe('nothing is half-saved', () => {
  it('when the row cannot be inserted, the file written for it is removed', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    host.db.sql.exec(`CREATE TRIGGER test_photo_insert_fails BEFORE INSERT ON session_photos BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`);
    const refused = await refusal(host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner));
    expect(refused.code).toBe('locked');
    expect(photoRows(host)).toBe(0);
    expect(filesUnder(photosDir(host))).toEqual([]);
    expect((await host.call('audit.query', { action: 'photos.add' }, staff.admin)).items).toEqual([]);
    host.db.sql.exec('DROP TRIGGER test_photo_insert_fails');
    await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner);
    expect(filesUnder(photosDir(host))).toHaveLength(1);
  });

  it('a file left behind by a commit that failed (no row points at it) is removed by the next add to that session', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    const other = await start('laser');
    const kept = await host.call('photos.add', { sessionId: other.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner);
    const folder = join(photosDir(host), String(session.id));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '0b5c1e0e-0000-4000-8000-000000000000.jpg'), JPEG);
    writeFileSync(join(folder, '.incoming-1234'), JPEG.subarray(0, 10));
    const added = await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner);
    expect(readdirSync(folder)).toHaveLength(1);
    expect((await host.call('photos.get', { id: added.id }, staff.practitioner)).sha256).toBe(added.sha256);
    expect((await host.call('photos.get', { id: kept.id }, staff.practitioner)).sha256).toBe(kept.sha256);
  });

  it('the database refuses to change or delete a stored photo', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    const photo = await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner);
    expect(() => host.db.sql.prepare(`UPDATE session_photos SET sha256 = ? WHERE id = ?`).run('0'.repeat(64), photo.id)).toThrow(/a stored photo never changes/);
    expect(() => host.db.sql.prepare(`UPDATE session_photos SET kind = 'after' WHERE id = ?`).run(photo.id)).toThrow(/never changes/);
    expect(() => host.db.sql.prepare(`DELETE FROM session_photos WHERE id = ?`).run(photo.id)).toThrow(/never deleted/);
    expect(() =>
      host.db.sql
        .prepare(`INSERT INTO session_photos (session_id, kind, file_name, sha256, mime, bytes, taken_at) VALUES (?, 'during', 'x.jpg', ?, 'image/jpeg', 10, 't')`)
        .run(session.id, '0'.repeat(64)),
    ).toThrow(/a photo needs its kind/);
    expect(() =>
      host.db.sql.prepare(`INSERT INTO session_photos (session_id, kind, file_name, sha256, mime, bytes, taken_at) VALUES (?, 'before', 'x.jpg', 'abc', 'image/jpeg', 10, 't')`).run(session.id),
    ).toThrow(/SHA-256/);
  });
});

describe('photos at rest', () => {
  it('are sealed with the clinic key: the file shows no image, and photos.get gives it back intact', async () => {
    const { host, staff, sign, start } = await clinic(randomBytes(32));
    await sign('laser', true);
    const session = await start('laser');
    const image = rgbaPng(8, 8, (x, y) => (x + y) % 2 === 0);
    const added = await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(image) }, staff.practitioner);
    const [file] = filesUnder(photosDir(host));
    const stored = readFileSync(file!);
    expect(stored.subarray(1, 4).toString('latin1')).not.toBe('PNG');
    expect(stored.includes(image.subarray(16, 32))).toBe(false);
    const opened = await host.call('photos.get', { id: added.id }, staff.practitioner);
    const bytes = Buffer.from(opened.dataUrl.split(',')[1]!, 'base64');
    expect(sha256(bytes)).toBe(added.sha256);
  });
});

describe('photos.list and photos.get', () => {
  it('lists a patient’s photos by session, oldest first, with the sessions photos may be added to today', async () => {
    const { host, staff, patient, sign, start } = await clinic();
    await sign('laser', true);
    await sign('chemical_peel', false);
    const first = await start('laser', '2026-01-10T10:00:00Z');
    const peel = await start('chemical_peel', '2026-02-01T10:00:00Z');
    const second = await start('laser', '2026-02-20T10:00:00Z');
    const before = await host.call('photos.add', { sessionId: first.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner);
    host.clock.advance(1000);
    const after = await host.call('photos.add', { sessionId: second.id, kind: 'after', image: photoDataUrl(pngWithMetadata(rgbaPng(20, 10, () => true)), 'image/png') }, staff.practitioner);
    const list = await host.call('photos.list', { patientId: patient.id }, staff.practitioner);
    expect(list.items.map((p) => [p.id, p.sessionId, p.kind, p.width, p.height])).toEqual([
      [before.id, first.id, 'before', 16, 12],
      [after.id, second.id, 'after', 20, 10],
    ]);
    expect(list.sessions.map((s) => [s.id, s.treatmentType, s.photoConsent])).toEqual([
      [first.id, 'laser', true],
      [peel.id, 'chemical_peel', false],
      [second.id, 'laser', true],
    ]);
    expect((await host.call('photos.list', { sessionId: second.id }, staff.admin)).items.map((p) => p.id)).toEqual([after.id]);
    const audited = (await host.call('audit.query', { action: 'photos.list' }, staff.admin)).items;
    expect(audited.map((e) => [e.entity, e.patientId])).toEqual(expect.arrayContaining([['patient', patient.id], ['session', patient.id]]));
  });

  it('asks for exactly one of sessionId and patientId, and refuses unknown ones', async () => {
    const { host, staff } = await clinic();
    expect((await refusal(host.call('photos.list', {}, staff.practitioner))).message).toMatch(/sessionId: give either sessionId or patientId/);
    expect((await refusal(host.call('photos.list', { sessionId: 1, patientId: 1 }, staff.practitioner))).code).toBe('invalid_input');
    expect((await refusal(host.call('photos.list', { patientId: 999 }, staff.practitioner))).code).toBe('not_found');
    expect((await refusal(host.call('photos.list', { sessionId: 999 }, staff.practitioner))).code).toBe('not_found');
    expect((await refusal(host.call('photos.get', { id: 999 }, staff.practitioner))).code).toBe('not_found');
  });

  it('refuses to show a photo whose file was changed or lost since it was stored', async () => {
    const { host, staff, sign, start } = await clinic();
    await sign('laser', true);
    const session = await start('laser');
    const photo = await host.call('photos.add', { sessionId: session.id, kind: 'before', image: photoDataUrl(JPEG) }, staff.practitioner);
    const [file] = filesUnder(photosDir(host));
    const original = readFileSync(file!);
    const changed = Buffer.from(original);
    changed[changed.length - 10] = changed[changed.length - 10]! ^ 0x01;
    writeFileSync(file!, changed);
    const damaged = await refusal(host.call('photos.get', { id: photo.id }, staff.practitioner));
    expect(damaged).toMatchObject({ code: 'conflict', details: { reason: 'photo_damaged' } });
    expect(damaged.message).toMatch(/does not match the fingerprint/);
    writeFileSync(file!, original);
    expect((await host.call('photos.get', { id: photo.id }, staff.practitioner)).id).toBe(photo.id);
    rmSync(file!);
    const lost = await refusal(host.call('photos.get', { id: photo.id }, staff.practitioner));
    expect(lost.code).toBe('not_found');
    expect(lost.message).toMatch(/missing from the data folder/);
  });
});
