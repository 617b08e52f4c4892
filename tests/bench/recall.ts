// Recall lookup and point of use on a lot used thousands of times: `npx tsx tests/bench/recall.ts [uses]`.
// A benchmark, not a test: it prints medians, it asserts nothing.
import { performance } from 'node:perf_hooks';
import { testHost, withStaff } from '../support/host';

const USES = Number(process.argv[2] ?? 5000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (runs: number, f: () => unknown) => {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms).toFixed(2);
};

const host = testHost({ checkOutputs: false });
const staff = await withStaff(host);
const product = (await host.call('products.list', {}, staff.admin)).items[0]!;
const lot = await host.call('lots.receive', { productId: product.id, lotNumber: 'GLU-2291', expiresOn: '2030-12-31', quantity: USES * 2, receivedOn: '2026-01-01' }, staff.admin);
// The same number of uses by one patient: the difference is the cost of one audit entry per patient shown.
const oneLot = await host.call('lots.receive', { productId: product.id, lotNumber: 'ONE-1', expiresOn: '2030-12-31', quantity: USES, receivedOn: '2026-01-01' }, staff.admin);

// Bulk history written straight to SQLite: one patient and one session per use.
const sql = host.db.sql;
sql.transaction(() => {
  const patient = sql.prepare(`INSERT INTO patients (chart_number, first_name, last_name, date_of_birth, phone, name_key, created_at, updated_at) VALUES (?, 'Pat', ?, '1980-01-01', '555 0100', 'pat', 't', 't') RETURNING id`);
  const session = sql.prepare(`INSERT INTO treatment_sessions (patient_id, treatment_type, performed_at, created_at, updated_at) VALUES (?, 'iv_glutathione', ?, 't', 't') RETURNING id`);
  const use = sql.prepare(`INSERT INTO session_products (session_id, lot_id, quantity, at) VALUES (?, ?, 1, 't') RETURNING id`);
  const move = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, session_product_id, at) VALUES (?, 'use', -1, ?, 't')`);
  for (let i = 0; i < USES; i++) {
    const p = (patient.get(`B-${i}`, `Patient${i}`) as { id: number }).id;
    const s = (session.get(p, new Date(Date.UTC(2026, 0, 2) + i * 3_600_000).toISOString()) as { id: number }).id;
    const sp = (use.get(s, lot.id) as { id: number }).id;
    move.run(lot.id, sp);
    const again = (session.get(1, new Date(Date.UTC(2026, 0, 2) + i * 3_600_000).toISOString()) as { id: number }).id;
    move.run(oneLot.id, (use.get(again, oneLot.id) as { id: number }).id);
  }
})();
sql.pragma('wal_checkpoint(TRUNCATE)');

const byHand = sql.prepare(
  `SELECT sp.session_id, s.performed_at, sum(sp.quantity) AS quantity, pt.id, pt.chart_number, pt.first_name, pt.last_name,
          pt.date_of_birth, pt.phone, pt.email, pt.address
   FROM session_products sp JOIN treatment_sessions s ON s.id = sp.session_id JOIN patients pt ON pt.id = s.patient_id
   WHERE sp.lot_id = ? GROUP BY sp.session_id ORDER BY s.performed_at`,
);
const session = await host.call('sessions.start', { patientId: 1, treatmentType: 'iv_glutathione' }, staff.practitioner);

console.log(`lot used ${USES} times, by ${USES} patients (medians, ms)`);
console.log(`  lots.recipients (${USES} rows, one audit entry per patient): ${await time(7, () => host.call('lots.recipients', { lotId: lot.id }, staff.admin))}`);
console.log(`  lots.recipients, ${USES} rows of one patient (two audit entries): ${await time(7, () => host.call('lots.recipients', { lotId: oneLot.id }, staff.admin))}`);
console.log(`  the same query by hand with better-sqlite3, no audit:      ${await time(7, () => byHand.all(lot.id))}`);
console.log(`  lots.recipients with a one-week range:                     ${await time(7, () => host.call('lots.recipients', { lotId: lot.id, from: '2026-01-02', to: '2026-01-08' }, staff.admin))}`);
console.log(`  sessions.addProduct (checks and writes the ledger):        ${await time(50, () => host.call('sessions.addProduct', { sessionId: session.id, lotId: lot.id, quantity: 1 }, staff.practitioner))}`);
console.log(`  lots.get (lot with its ${USES}-row ledger):                  ${await time(7, () => host.call('lots.get', { id: lot.id }, staff.admin))}`);
console.log(`  lots.list:                                                 ${await time(7, () => host.call('lots.list', {}, staff.admin))}`);
host.close();
