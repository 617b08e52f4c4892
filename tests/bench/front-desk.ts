// Front-desk lookups on a generated clinic of 100,000 patients: npx tsx tests/bench/front-desk.ts
import { testHost, withStaff } from '../support/host';
import { findDuplicates } from '../../db/records/patient-duplicates';
import { nameKeyOf } from '../../db/fold';

const host = testHost();
const staff = await withStaff(host);
const sql = host.db.sql;
const first = ['Ana', 'José', 'Marie', 'Ben', 'Lena', 'Tom', 'Priya', 'Femi', 'Ines', 'Omar'];
const last = ['Silva', 'Núñez', 'Okoro', 'Berg', 'Haddad', "O'Brien", 'Duarte', 'Patel', 'Kim', 'Nguyen'];
const ins = sql.prepare(`INSERT INTO patients (chart_number, first_name, last_name, date_of_birth, phone, name_key, phone_digits, phone_digits_reversed, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)`);
sql.transaction(() => {
  for (let i = 0; i < 100_000; i++) {
    const f = first[i % 10]! + (i % 997), l = last[(i / 10 | 0) % 10]! + (i % 991);
    const dob = `19${50 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const digits = `1555${String(i).padStart(7, '0')}`;
    ins.run(`SC-${String(i + 1).padStart(6, '0')}`, f, l, dob, digits, nameKeyOf(f, l), digits, [...digits].reverse().join(''), 'x', 'x');
  }
})();
const N = 2000;
let t = performance.now();
for (let i = 0; i < N; i++) findDuplicates(sql, { firstName: first[i % 10]! + (i % 997), lastName: last[(i / 10 | 0) % 10]! + (i % 991), dateOfBirth: '1970-01-01', phone: `+1 555 ${String(i * 37).padStart(7, '0')}` });
console.log(`findDuplicates on 100,000 patients: ${((performance.now() - t) / N).toFixed(3)} ms per lookup (mean of ${N})`);
t = performance.now();
for (let i = 0; i < 200; i++) await host.call('patients.duplicates', { firstName: 'Ana', lastName: 'Silva', dateOfBirth: '1970-01-01', phone: '555 0001234' }, staff.frontDesk);
console.log(`patients.duplicates through the dispatcher: ${((performance.now() - t) / 200).toFixed(3)} ms per call`);
// A busy day: 60 appointments across 4 practitioners.
const p = sql.prepare(`INSERT INTO appointments (patient_id, practitioner_id, room, treatment_type, starts_at, ends_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`);
for (let i = 0; i < 60; i++) {
  const s = new Date(2026, 2, 9, 8 + (i % 12), (i / 12 | 0) * 10);
  p.run(i + 1, staff.ids.practitioner, `Room ${i % 4}`, 'laser', s.toISOString(), new Date(s.getTime() + 600_000).toISOString(), 'x', 'x');
}
t = performance.now();
for (let i = 0; i < 100; i++) await host.call('appointments.day', { date: '2026-03-09' }, staff.frontDesk);
console.log(`appointments.day with 60 appointments (missing list for each): ${((performance.now() - t) / 100).toFixed(2)} ms per call`);
host.close();
