// The charting round trips a practitioner waits on: `npx tsx tests/bench/charting.ts [sessions]`.
// A benchmark, not a test: it prints medians, it asserts nothing.
import { performance } from 'node:perf_hooks';
import { testHost, withStaff } from '../support/host';
import { signature } from '../support/png';
import { LASER } from '../support/charting';

const SESSIONS = Number(process.argv[2] ?? 300);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (runs: number, f: (i: number) => unknown) => {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f(i);
    ms.push(performance.now() - t);
  }
  return median(ms).toFixed(2);
};

const host = testHost({ checkOutputs: false });
const staff = await withStaff(host);
const patient = await host.call('patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, staff.frontDesk);
const cream = (await host.call('products.list', {}, staff.admin)).items.find((p) => p.name === 'Lidocaine / prilocaine numbing cream')!;
const lot = await host.call('lots.receive', { productId: cream.id, lotNumber: 'EMX-1', expiresOn: '2030-12-31', quantity: 100_000, receivedOn: '2026-01-01' }, staff.admin);
const template = (await host.call('consents.templates.list', { treatmentType: 'laser' }, staff.frontDesk)).items[0]!;
await host.call('consents.sign', { patientId: patient.id, templateId: template.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);

const areas = Array.from({ length: 6 }, (_, i) => ({ id: `m${i}`, diagram: 'face_front' as const, kind: 'zone' as const, zone: `z${i}`, label: `Zone ${i}` }));

// A patient with a long history of signed sessions: what sessions.forPatient and the consent check read through.
for (let i = 0; i < SESSIONS; i++) {
  const s = await host.call('sessions.start', { patientId: patient.id, treatmentType: 'laser' }, staff.practitioner);
  const u = await host.call('sessions.update', { id: s.id, version: s.version, parameters: LASER, areas, numbing: { lotId: lot.id, quantity: 2, area: 'Face', appliedAt: host.clock.current.toISOString(), removedAt: host.clock.current.toISOString() } }, staff.practitioner);
  await host.call('sessions.sign', { id: u.id, version: u.version }, staff.practitioner);
  host.clock.advance(60_000);
}

const draft = await host.call('sessions.start', { patientId: patient.id, treatmentType: 'laser' }, staff.practitioner);
let version = draft.version;
console.log(`one patient with ${SESSIONS} signed laser sessions (medians, ms)`);
console.log(`  sessions.update, an autosave of the whole chart:  ${await time(200, async (i) => (version = (await host.call('sessions.update', { id: draft.id, version, parameters: LASER, areas, notes: `note ${i}` }, staff.practitioner)).version))}`);
console.log(`  sessions.get (with products, addenda, checks):   ${await time(200, () => host.call('sessions.get', { id: draft.id }, staff.practitioner))}`);
console.log(`  sessions.forPatient, first 100:                  ${await time(50, () => host.call('sessions.forPatient', { patientId: patient.id }, staff.practitioner))}`);
const signs: string[] = [];
for (let i = 0; i < 30; i++) {
  const s = await host.call('sessions.start', { patientId: patient.id, treatmentType: 'laser' }, staff.practitioner);
  const u = await host.call('sessions.update', { id: s.id, version: s.version, parameters: LASER, areas }, staff.practitioner);
  const t = performance.now();
  await host.call('sessions.sign', { id: u.id, version: u.version }, staff.practitioner);
  signs.push(String(performance.now() - t));
}
console.log(`  sessions.sign (all checks, lock, audit):          ${median(signs.map(Number)).toFixed(2)}`);
host.close();
