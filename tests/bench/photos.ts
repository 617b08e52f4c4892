// Storing and opening large photos: `npx tsx tests/bench/photos.ts [megabytes]`.
// A benchmark, not a test: it prints medians, it asserts nothing.
import { performance } from 'node:perf_hooks';
import { MAX_PHOTO_BYTES } from '../../db/api/photos';
import { readPhoto } from '../../db/records/photo-image';
import { testHost, withStaff } from '../support/host';
import { jpegWithMetadata, photoDataUrl } from '../support/photos';
import { signature } from '../support/png';

const MB = Number(process.argv[2] ?? 9.5);
const RUNS = 9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (f: () => unknown) => {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms).toFixed(1);
};

// A JPEG of about MB megabytes: the small real one, its scan data padded with entropy-coded-looking bytes.
const base = jpegWithMetadata();
const scan = base.lastIndexOf(Buffer.from([0xff, 0xd9]));
const filler = Buffer.alloc(Math.min(MAX_PHOTO_BYTES - base.length, Math.round(MB * 1024 * 1024) - base.length));
for (let i = 0; i < filler.length; i++) filler[i] = (i * 131 + 7) & 0xfe; // never 0xFF: no markers inside
const big = Buffer.concat([base.subarray(0, scan), filler, base.subarray(scan)]);
const url = photoDataUrl(big);

const host = testHost({ checkOutputs: false });
const staff = await withStaff(host);
const patient = await host.call('patients.create', { firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1990-01-01' }, staff.admin);
const template = (await host.call('consents.templates.list', { treatmentType: 'laser' }, staff.admin)).items[0]!;
await host.call('consents.sign', { patientId: patient.id, templateId: template.id, signature: signature(), signedByName: 'Ana Ruiz', photoConsent: true }, staff.admin);
const session = await host.call('sessions.start', { patientId: patient.id, treatmentType: 'laser' }, staff.admin);

let last = 0;
console.log(`photo: ${(big.length / 1024 / 1024).toFixed(2)} MB JPEG, data URL ${(url.length / 1024 / 1024).toFixed(2)} MB; median of ${RUNS}`);
console.log(`strip metadata (pure)      ${await time(() => readPhoto(big, { maxBytes: MAX_PHOTO_BYTES, maxSide: 16384 }))} ms`);
console.log(`photos.add (check, strip, hash, write+fsync, row, audit) ${await time(async () => (last = (await host.call('photos.add', { sessionId: session.id, kind: 'before', image: url }, staff.admin)).id))} ms`);
console.log(`photos.get (read, verify hash, data URL) ${await time(() => host.call('photos.get', { id: last }, staff.admin))} ms`);
console.log(`photos.list (${RUNS} photos)      ${await time(() => host.call('photos.list', { patientId: patient.id }, staff.admin))} ms`);
host.close();
