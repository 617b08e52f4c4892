// A whole clinic's history, generated from a seed and written with raw prepared statements in big
// transactions straight into the real schema: the benchmark's 100,000-patient clinic group, the
// tests' small clinics and the demo clinic all come from here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../db/api/command';
import type { PatientFlag, TreatmentType } from '../../db/api/fields';
import { entryHash, GENESIS_HASH } from '../../db/audit-chain';
import { nameKeyOf, namePartsOf, phoneDigitsOf, reversed } from '../../db/fold';
import { canonicalJson, sha256Hex } from '../../db/hash';
import type { ClinicDb, Sqlite } from '../../db/open';
import { hashPassword } from '../../db/passwords';
import { rebuildLotBalances } from '../../db/records/stock';
import {
  addendumTexts,
  allergyChoices,
  blockFlags,
  catalogue,
  consentDeclaration,
  consentWording,
  coreStaff,
  demoPasswords,
  femaleFirstNames,
  groupStaff,
  intakeConcerns,
  lastNames,
  maleFirstNames,
  medicineChoices,
  otherFirstNames,
  patientNotes,
  productAreas,
  questionnaireDefinition,
  screeningQuestions,
  sessionNotes,
  streets,
  towns,
  treatmentMix,
  treatmentProducts,
  warnFlags,
  type StaffMember,
} from './clinic-content';
import { photoPlaceholder, signatureDataUrl } from './placeholder-png';
import { Random } from './random';
import { sessionAreas, sessionParameters } from './session-parameters';
import type { ConsentFields } from '../../db/api/consents';
import { consentContentHash } from '../../db/records/consent-content';
import { ageOnDate, longDate } from '../../db/rules/consent-text';
import { localDateOf } from '../../db/rules/schedule';

/** Bump when the generated data changes, so cached benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 2;

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR_MS = 60 * MINUTE;
export interface ClinicPlan {
  seed: string;
  patients: number;
  sessions: number;
  productUses: number;
  lots: number;
  /** At least this many audit entries: the clinic's own history, then chart openings up to the count. */
  auditEntries: number;
  /** Patients with a long history (at least `heavySessions` sessions each). */
  heavyPatients: number;
  heavySessions: number;
  /** Uses of the busiest lot (the one a recall would trace). */
  busyLotUses: number;
  /** Years of records, ending at `end`. */
  years: number;
  end: string;
  /** Share of mapped sessions with before/after photos. */
  photoRate: number;
  staff: 'core' | 'group';
  clinicName: string;
}

/** The plan for a clinic of `patients` patients; 100,000 gives the benchmark's clinic group. */
export function clinicPlan(patients: number, overrides: Partial<ClinicPlan> = {}): ClinicPlan {
  const productUses = overrides.productUses ?? patients * 10;
  return {
    seed: 'skinchart',
    patients,
    sessions: patients * 3,
    productUses,
    lots: Math.max(catalogue.length * 3, Math.round(patients / 50)),
    auditEntries: patients * 10,
    heavyPatients: Math.max(1, Math.floor(patients / 10_000)),
    heavySessions: 200,
    busyLotUses: Math.min(5000, Math.floor(productUses / 200)),
    years: 10,
    end: '2026-11-01T00:00:00.000Z',
    photoRate: 0.08,
    staff: patients > 1000 ? 'group' : 'core',
    clinicName: patients > 1000 ? 'Lumière Skin Clinics (group)' : 'Lumière Skin Clinic',
    ...overrides,
  };
}

export interface StaffAccount extends StaffMember {
  id: number;
  password: string;
}

export interface GeneratedClinic {
  plan: ClinicPlan;
  staff: StaffAccount[];
  /** Patients with `heavySessions` or more sessions, longest history first. */
  heavyPatientIds: number[];
  busyLot: { id: number; lotNumber: string; uses: number };
  recalledLotId: number;
  counts: Record<string, number>;
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

export interface GenerateOptions {
  /** scrypt cost for the staff passwords (17 in production; tests pass less). */
  scryptLogN?: number;
  /** Write placeholder photo files here (the demo); otherwise rows only. */
  photosDir?: string;
  log?: (line: string) => void;
}

// Instants as the app writes them (Date#toISOString), built from a per-day cache: millions are formatted.
const dayStrings = new Map<number, string>();
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (ms: number): string => {
  const t = Math.round(ms);
  const day = Math.floor(t / DAY);
  let date = dayStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 10);
    dayStrings.set(day, date);
  }
  const inDay = t - day * DAY;
  return `${date}T${pad(Math.floor(inDay / 3_600_000), 2)}:${pad(Math.floor(inDay / 60_000) % 60, 2)}:${pad(Math.floor(inDay / 1000) % 60, 2)}.${pad(inDay % 1000, 3)}Z`;
};
const dayOf = (ms: number) => iso(ms).slice(0, 10);

// An e-mail's local part from a name ("Núñez-García" -> "nunezgarcia"), once per distinct name.
const emailParts = new Map<string, string>();
const emailPartOf = (name: string): string => {
  let part = emailParts.get(name);
  if (part === undefined) {
    part = (namePartsOf(name).at(-1) ?? '').replace(/[^a-z0-9]/g, '') || 'patient';
    emailParts.set(name, part);
  }
  return part;
};

/** The patient search keys exactly as db/records/patients.ts writes them, computed once per distinct name. */
const searchKeys = new Map<string, { nameKey: string; parts: string[] }>();
const searchKeysOf = (firstName: string, lastName: string) => {
  const k = `${firstName}\u0000${lastName}`;
  let keys = searchKeys.get(k);
  if (!keys) {
    keys = { nameKey: nameKeyOf(firstName, lastName), parts: namePartsOf(firstName, lastName) };
    searchKeys.set(k, keys);
  }
  return keys;
};
const atClinicHours = (r: Random, dayMs: number) => Math.floor(dayMs / DAY) * DAY + (9 * 60 + r.int(96) * 5) * MINUTE;

const treatmentTypes = treatmentMix.map(([t]) => t);
const typeIndex = new Map<TreatmentType, number>(treatmentTypes.map((t, i) => [t, i]));
const productIndex = new Map(catalogue.map((p, i) => [p.key, i]));

type Kind =
  | 'auth.setup'
  | 'users.create'
  | 'products.create'
  | 'questionnaires.publish'
  | 'consents.templates.publish'
  | 'lots.receive'
  | 'lots.recall'
  | 'patients.create'
  | 'intake.submit'
  | 'consents.sign'
  | 'sessions.start'
  | 'sessions.sign'
  | 'patients.chart';

const entityOf: Record<Kind, string> = {
  'auth.setup': 'user',
  'users.create': 'user',
  'products.create': 'product',
  'questionnaires.publish': 'questionnaire',
  'consents.templates.publish': 'consent_template',
  'lots.receive': 'lot',
  'lots.recall': 'lot',
  'patients.create': 'patient',
  'intake.submit': 'intake',
  'consents.sign': 'consent',
  'sessions.start': 'session',
  'sessions.sign': 'session',
  'patients.chart': 'patient',
};
const kinds = Object.keys(entityOf) as Kind[];

/** Audit events kept compactly until they are sorted by time and chained. */
class Events {
  at: number[] = [];
  kind: number[] = [];
  entityId: number[] = [];
  patientId: number[] = [];
  userId: number[] = [];
  add(at: number, kind: Kind, entityId: number, patientId: number, userId: number) {
    this.at.push(at);
    this.kind.push(kinds.indexOf(kind));
    this.entityId.push(entityId);
    this.patientId.push(patientId);
    this.userId.push(userId);
  }
  get length() {
    return this.at.length;
  }
}

/** Rows written many to a statement (`INSERT … VALUES (…), (…), …`): a third less time per row. */
class BatchInsert {
  private readonly full: ReturnType<Sqlite['prepare']>;
  private readonly values: unknown[] = [];
  constructor(
    private readonly sql: Sqlite,
    private readonly head: string,
    private readonly columns: number,
    private readonly rows = 100,
  ) {
    this.full = sql.prepare(`${head} VALUES ${Array(rows).fill(`(${Array(columns).fill('?').join(', ')})`).join(', ')}`);
  }
  add(...row: unknown[]) {
    for (const v of row) this.values.push(v);
    if (this.values.length === this.columns * this.rows) {
      this.full.run(this.values);
      this.values.length = 0;
    }
  }
  flush() {
    const left = this.values.length / this.columns;
    if (left > 0) this.sql.prepare(`${this.head} VALUES ${Array(left).fill(`(${Array(this.columns).fill('?').join(', ')})`).join(', ')}`).run(this.values);
    this.values.length = 0;
  }
}

/**
 * Bulk mode: no rollback journal on disk, no fsync, and the guard triggers set aside (they check one row
 * at a time, and some refuse what a history legitimately contains, like products on sessions signed
 * later). They are recreated from their stored SQL, so the schema ends identical.
 */
function bulkLoad(db: ClinicDb, load: () => void, log: (l: string) => void) {
  const { sql } = db;
  // Indexes stay: rows go in mostly in key order, and rebuilding them afterwards measured no faster.
  const objects = sql.prepare(`SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as {
    type: 'trigger';
    name: string;
    sql: string;
  }[];
  sql.pragma('journal_mode = MEMORY');
  sql.pragma('synchronous = OFF');
  sql.pragma('foreign_keys = OFF');
  sql.pragma('cache_size = -262144');
  sql.pragma('temp_store = MEMORY');
  sql.transaction(() => {
    for (const o of objects) sql.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  })();
  load();
  const t = performance.now();
  sql.transaction(() => {
    // The ledger went in without its balance trigger: sum it once.
    rebuildLotBalances(sql);
    for (const o of objects) sql.exec(o.sql);
  })();
  log(`lot balances summed, triggers restored in ${Math.round(performance.now() - t)} ms`);
  sql.pragma('cache_size = -2000');
  sql.pragma('journal_mode = WAL');
  sql.pragma('synchronous = FULL');
  sql.pragma('foreign_keys = ON');
}

/**
 * Fills a freshly migrated, empty database with a clinic's history. Deterministic for a given plan.
 * Ids are given explicitly, in time order, as the app would have given them.
 */
export async function generateClinic(db: ClinicDb, plan: ClinicPlan, options: GenerateOptions = {}): Promise<GeneratedClinic> {
  const log = options.log ?? (() => undefined);
  const timings: Record<string, number> = {};
  let phaseStart = performance.now();
  let cpuStart = process.cpuUsage();
  const phase = (name: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage(cpuStart);
    timings[name] = Math.round(now - phaseStart);
    log(`${name}: ${timings[name]} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms)`);
    phaseStart = now;
    cpuStart = process.cpuUsage();
  };
  const { sql } = db;
  if ((sql.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n > 0) throw new Error('generateClinic needs an empty database');
  if (plan.lots < catalogue.length) throw new Error(`a clinic needs at least ${catalogue.length} lots (one per product)`);

  const r = new Random(`${plan.seed}:${plan.patients}`);
  const END = Date.parse(plan.end);
  const START = END - Math.round(plan.years * 365.25) * DAY;
  const N = plan.patients;

  // Staff and their passwords (one hash per role: the known demo passwords).
  const members = plan.staff === 'group' ? [...coreStaff, ...groupStaff] : coreStaff;
  const hashes = new Map<Role, string>();
  const roles = ['admin', 'practitioner', 'front_desk'] as const;
  (await Promise.all(roles.map((role) => hashPassword(demoPasswords[role], options.scryptLogN)))).forEach((h, i) => hashes.set(roles[i]!, h));
  const staff: StaffAccount[] = members.map((m, i) => ({ ...m, id: i + 1, password: demoPasswords[m.role] }));
  const byRole = (role: Role) => staff.filter((s) => s.role === role).map((s) => s.id);
  const admins = byRole('admin');
  const practitioners = byRole('practitioner');
  const desk = byRole('front_desk');
  phase('staff passwords');

  // Patients: who they are and when they registered (ids in registration order).
  const reg = new Float64Array(N);
  const first: string[] = new Array<string>(N);
  const last: string[] = new Array<string>(N);
  const dob: string[] = new Array<string>(N);
  const fitz = new Uint8Array(N);
  const sexes = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    reg[i] = atClinicHours(r, START + ((i + r.next()) / N) * (END - START - 14 * DAY));
    const sex = r.weighted([
      [0, 80],
      [1, 17],
      [2, 3],
    ] as const);
    sexes[i] = sex;
    first[i] = sex === 0 ? r.pick(femaleFirstNames) : sex === 1 ? r.pick(maleFirstNames) : r.pick(otherFirstNames);
    last[i] = r.chance(0.04) ? `${r.pick(lastNames)}-${r.pick(lastNames)}` : r.pick(lastNames);
    dob[i] = dayOf(reg[i]! - (18 + r.int(58)) * 365.25 * DAY - r.int(365) * DAY);
    fitz[i] = r.weighted([
      [1, 8],
      [2, 20],
      [3, 24],
      [4, 22],
      [5, 16],
      [6, 10],
    ] as const);
  }
  const sexOf = (i: number) => (['female', 'male', 'other'] as const)[sexes[i]!]!;

  // How many sessions each patient had: a few long histories, the rest spread at random.
  const counts = new Int32Array(N);
  const heavy: number[] = [];
  const earliest = Math.max(plan.heavyPatients, Math.floor(N * 0.03));
  while (heavy.length < Math.min(plan.heavyPatients, N)) {
    const i = r.int(earliest);
    if (!heavy.includes(i)) heavy.push(i);
  }
  let assigned = 0;
  for (const i of heavy) {
    counts[i] = plan.heavySessions + r.int(Math.floor(plan.heavySessions * 0.3) + 1);
    assigned += counts[i]!;
  }
  if (assigned > plan.sessions) throw new Error(`${plan.sessions} sessions are too few for ${heavy.length} patients with ${plan.heavySessions}+ sessions`);
  const heavySet = new Set(heavy);
  const others = Array.from({ length: N }, (_, i) => i).filter((i) => !heavySet.has(i));
  for (let k = assigned; k < plan.sessions; k++) counts[others.length ? others[r.int(others.length)]! : heavy[r.int(heavy.length)]!]!++;

  // Each patient's story: intakes, consents and sessions in time order.
  const S = plan.sessions;
  const sPatient = new Int32Array(S);
  const sTime = new Float64Array(S);
  const sType = new Uint8Array(S);
  const sPractitioner = new Int32Array(S); // by session id - 1
  let sCount = 0;
  const consents: { patient: number; at: number; type: number; version: number }[] = [];
  const intakes: { patient: number; at: number; version: number; flags: PatientFlag[]; concern: string }[] = [];
  const patientFlags: PatientFlag[][] = new Array<PatientFlag[]>(N);
  const lastActivity = new Float64Array(N);
  const templateV2At = START + Math.round(5.5 * 365.25) * DAY;
  const questionnaireV2At = START + 6 * 365 * DAY;
  const templateVersionAt = (type: TreatmentType, at: number) => (consentWording[type].revised && at >= templateV2At ? 2 : 1);
  const questionnaireVersionAt = (at: number) => (at >= questionnaireV2At ? 2 : 1);
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const n = counts[i]!;
    const start = reg[i]!;
    const window = END - DAY - start;
    const primary = r.weighted(treatmentMix);
    const secondary = r.chance(0.3) ? r.weighted(treatmentMix) : primary;
    // Courses of a few sessions two to six weeks apart, months between courses.
    times.length = 0;
    const gaps: number[] = [];
    let inCourse = 0;
    for (let k = 0; k < n; k++) {
      if (k === 0) gaps.push(r.between(1, 60) * DAY);
      else if (heavySet.has(i)) gaps.push(r.between(10, 20) * DAY);
      else if (inCourse > 0) gaps.push(r.between(14, 42) * DAY);
      else gaps.push(r.between(120, 900) * DAY);
      inCourse = inCourse > 0 ? inCourse - 1 : r.between(0, 5);
    }
    const total = gaps.reduce((a, b) => a + b, 0);
    const scale = total > window ? window / total : 1;
    let t = start + (total < window ? r.next() * Math.min(window - total, 365 * DAY) : 0);
    for (const g of gaps) {
      t += g * scale;
      times.push(Math.max(start + MINUTE, atClinicHours(r, t)));
    }
    times.sort((a, b) => a - b);
    let lastIntake = -Infinity;
    const lastConsent = new Map<TreatmentType, { at: number; version: number }>();
    const addIntake = (at: number, allowBlocking: boolean) => {
      const flags: PatientFlag[] = warnFlags.filter(() => r.chance(0.02));
      if (allowBlocking) for (const f of blockFlags) if (r.chance(0.01)) flags.push(f);
      intakes.push({ patient: i, at, version: questionnaireVersionAt(at), flags, concern: r.pick(intakeConcerns) });
      patientFlags[i] = flags;
      lastIntake = at;
    };
    if (r.chance(0.9)) addIntake(start + 5 * MINUTE, n === 0);
    for (const at of times) {
      const type = r.chance(0.75) ? primary : secondary;
      if (at - lastIntake > 365 * DAY) addIntake(at - 25 * MINUTE, false);
      const version = templateVersionAt(type, at);
      const prior = lastConsent.get(type);
      if (!prior || at - prior.at > 365 * DAY || prior.version < version) {
        const signedAt = at - r.between(10, 20) * MINUTE;
        consents.push({ patient: i, at: signedAt, type: typeIndex.get(type)!, version });
        lastConsent.set(type, { at: signedAt, version });
      }
      sPatient[sCount] = i;
      sTime[sCount] = at;
      sType[sCount] = typeIndex.get(type)!;
      sCount++;
    }
    if (n === 0 && r.chance(0.5)) consents.push({ patient: i, at: start + 20 * MINUTE, type: typeIndex.get(primary)!, version: templateVersionAt(primary, start) });
    patientFlags[i] ??= [];
    lastActivity[i] = Math.max(start, times.at(-1) ?? start, lastIntake);
  }
  consents.sort((a, b) => a.at - b.at);
  intakes.sort((a, b) => a.at - b.at);

  // Sessions get ids in time order.
  const order = new Uint32Array(S);
  for (let k = 0; k < S; k++) order[k] = k;
  order.sort((a, b) => sTime[a]! - sTime[b]! || a - b);
  const usualPractitioner = (i: number) => practitioners[i % practitioners.length]!;
  phase('plan patients and sessions');

  // Product uses per session: what the treatment needs, then adjusted to the planned total.
  const perSession: number[][] = new Array<number[]>(S);
  let planned = 0;
  for (let k = 0; k < S; k++) {
    const type = treatmentTypes[sType[k]!]!;
    const list: number[] = [];
    for (const [choices, p] of treatmentProducts[type]) if (r.chance(p)) list.push(productIndex.get(r.pick(choices))!);
    perSession[k] = list;
    planned += list.length;
  }
  while (planned < plan.productUses) {
    const k = r.int(S);
    const type = treatmentTypes[sType[k]!]!;
    // A second line for the same kind of item (another vial, a second serum layer).
    perSession[k]!.push(productIndex.get(r.pick(treatmentProducts[type][0]![0]))!);
    planned++;
  }
  while (planned > plan.productUses) {
    const k = r.int(S);
    if (perSession[k]!.length > 1) {
      perSession[k]!.pop();
      planned--;
    }
  }
  const U = plan.productUses;
  const uSession = new Int32Array(U); // session id
  const uProduct = new Uint8Array(U);
  const uQty = new Int32Array(U); // thousandths
  const uTime = new Float64Array(U);
  const uArea: string[] = new Array<string>(U);
  const usesPerProduct = new Int32Array(catalogue.length);
  let u = 0;
  for (let rank = 0; rank < S; rank++) {
    const k = order[rank]!;
    const type = treatmentTypes[sType[k]!]!;
    const area = r.pick(productAreas[type]);
    let minute = 5;
    for (const p of perSession[k]!) {
      const [min, max, step] = catalogue[p]!.dose;
      uSession[u] = rank + 1;
      uProduct[u] = p;
      uQty[u] = Math.round(r.float(min, max, step) * 1000);
      uTime[u] = sTime[k]! + minute * MINUTE;
      uArea[u] = area;
      usesPerProduct[p]!++;
      minute += r.between(1, 6);
      u++;
    }
  }
  phase('plan product uses');

  // Lots: each product's uses, in time order, come from its lots one after another (first in, first out).
  const P = catalogue.length;
  const lotsPerProduct = new Int32Array(P).fill(1);
  {
    const spare = plan.lots - P;
    const shares = Array.from(usesPerProduct, (n) => (n / U) * spare);
    let given = 0;
    shares.forEach((s, p) => {
      lotsPerProduct[p]! += Math.floor(s);
      given += Math.floor(s);
    });
    const byRemainder = shares.map((s, p) => [s - Math.floor(s), p] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let k = 0; given < spare; k++, given++) lotsPerProduct[byRemainder[k % P]![1]]!++;
  }
  // The busy lot is a glutathione lot when there are enough uses (the recall everyone fears), else the most used product's.
  const glutathione = productIndex.get('glutathione')!;
  const busyProduct = usesPerProduct[glutathione]! >= plan.busyLotUses * 3 ? glutathione : usesPerProduct.indexOf(Math.max(...usesPerProduct));
  interface LotPlan {
    product: number;
    uses: number;
    firstUse: number;
    lastUse: number;
    usedQty: number;
    current: boolean;
    busy: boolean;
    id: number;
  }
  const lots: LotPlan[] = [];
  const lotOfUse = new Int32Array(U);
  for (let p = 0; p < P; p++) {
    const L = lotsPerProduct[p]!;
    const n = usesPerProduct[p]!;
    const sizes = new Array<number>(L).fill(0);
    const busyAt = p === busyProduct && L >= 3 && plan.busyLotUses > 0 && n >= plan.busyLotUses ? Math.floor(L / 2) : -1;
    const rest = busyAt >= 0 ? n - plan.busyLotUses : n;
    const weights = sizes.map((_, k) => (k === busyAt ? 0 : k === L - 1 ? 0.3 : 0.4 + r.next() * 1.2));
    const sum = weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    let given = 0;
    for (let k = 0; k < L; k++) {
      acc += weights[k]!;
      const upTo = sum > 0 ? Math.round((acc / sum) * rest) : 0;
      sizes[k] = upTo - given;
      given = upTo;
    }
    if (busyAt >= 0) sizes[busyAt] = plan.busyLotUses;
    for (let k = 0; k < L; k++) lots.push({ product: p, uses: sizes[k]!, firstUse: 0, lastUse: 0, usedQty: 0, current: k === L - 1, busy: k === busyAt, id: 0 });
  }
  {
    // Walk uses in time order, filling each product's lots in turn.
    const cursor = new Int32Array(P);
    const left = new Int32Array(P);
    const firstLot = new Int32Array(P);
    for (let k = 0, p = -1; k < lots.length; k++) if (lots[k]!.product !== p) firstLot[(p = lots[k]!.product)] = k;
    for (let p = 0; p < P; p++) {
      cursor[p] = firstLot[p]!;
      left[p] = lots[firstLot[p]!]!.uses;
    }
    for (let k = 0; k < U; k++) {
      const p = uProduct[k]!;
      while (left[p] === 0) left[p] = lots[++cursor[p]!]!.uses;
      const lot = lots[cursor[p]!]!;
      if (lot.usedQty === 0) lot.firstUse = uTime[k]!;
      lot.lastUse = uTime[k]!;
      lot.usedQty += uQty[k]!;
      lotOfUse[k] = cursor[p]!;
      left[p]!--;
    }
  }
  // Lot dates follow from their uses; ids in order of receipt.
  const suppliers = ['Northbridge Medical Supplies', 'Kestrel Pharma Wholesale', 'Solenne Skin (direct)', 'Harbour Medical'];
  const lotRows = lots.map((lot, k) => {
    const product = catalogue[lot.product]!;
    const receivedMs = lot.uses > 0 ? lot.firstUse - r.between(3, 30) * DAY : END - r.between(5, 90) * DAY;
    const expiresMs = lot.current
      ? END + (r.chance(0.15) ? r.between(10, 45) : r.between(120, 720)) * DAY
      : Math.max(lot.lastUse + r.between(20, 400) * DAY, receivedMs + 120 * DAY);
    const leftover = lot.current ? Math.round(product.defaultQuantity * r.between(10, 60) * 1000) : r.chance(0.1) ? Math.round(product.defaultQuantity * r.between(1, 5) * 1000) : 0;
    return { k, lot, product, receivedMs, expiresMs, leftover };
  });
  lotRows.sort((a, b) => a.receivedMs - b.receivedMs || a.k - b.k);
  lotRows.forEach((row, i) => (row.lot.id = i + 1));
  const usedNumbers = new Set<string>();
  const lotNumberOf = (code: string, receivedMs: number) => {
    for (;;) {
      const n = `${code}${iso(receivedMs).slice(2, 4)}${String.fromCharCode(65 + r.int(26))}${r.digits(3)}`;
      if (!usedNumbers.has(n)) {
        usedNumbers.add(n);
        return n;
      }
    }
  };
  const recalled = lotRows.find((row) => !row.lot.current && !row.lot.busy && row.lot.uses > 0 && row.product.kind === 'injectable' && row.receivedMs > START + 3 * 365 * DAY) ?? lotRows.find((row) => !row.lot.busy)!;
  phase('plan lots');

  const events = new Events();
  const counts_: Record<string, number> = {};
  const signature = signatureDataUrl();
  const viewChangeHash = sha256Hex(canonicalJson(null));

  const load = () => {
    const tx = (name: string, fn: () => number) => {
      counts_[name] = sql.transaction(fn)();
      phase(`write ${name}`);
    };

    tx('users', () => {
      const insert = sql.prepare(`INSERT INTO users (id, name, username, password_hash, role, active, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 1)`);
      for (const s of staff) {
        insert.run(s.id, s.name, s.username, hashes.get(s.role)!, s.role, iso(START), iso(START));
        events.add(START + s.id, s.id === 1 ? 'auth.setup' : 'users.create', s.id, 0, admins[0]!);
      }
      sql.prepare(`INSERT INTO settings (key, value) VALUES ('clinic.name', ?)`).run(JSON.stringify(plan.clinicName));
      sql.prepare(`INSERT INTO counters (name, value) VALUES ('chart_number', ?)`).run(N);
      return staff.length;
    });

    tx('catalogue', () => {
      const product = sql.prepare(
        `INSERT INTO products (id, name, kind, manufacturer, strength, unit, ingredients, default_quantity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      catalogue.forEach((p, i) => {
        product.run(i + 1, p.name, p.kind, p.manufacturer, p.strength, p.unit, JSON.stringify(p.ingredients), p.defaultQuantity, iso(START + HOUR_MS), iso(START + HOUR_MS));
        events.add(START + HOUR_MS + i, 'products.create', i + 1, 0, admins[0]!);
      });
      const template = sql.prepare(`INSERT INTO consent_templates (id, treatment_type, version, title, body, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      let id = 0;
      for (const t of treatmentTypes) {
        template.run(++id, t, 1, consentWording[t].title, `${consentWording[t].body}\n\n${consentDeclaration}`, iso(START + 2 * HOUR_MS), admins[0]!);
        events.add(START + 2 * HOUR_MS + id, 'consents.templates.publish', id, 0, admins[0]!);
      }
      for (const t of treatmentTypes) {
        if (!consentWording[t].revised) continue;
        template.run(++id, t, 2, consentWording[t].title, `${consentWording[t].body}\n${consentWording[t].revised}\n\n${consentDeclaration}`, iso(templateV2At), admins[0]!);
        events.add(templateV2At + id, 'consents.templates.publish', id, 0, admins[0]!);
      }
      const questionnaire = sql.prepare(`INSERT INTO questionnaires (id, version, title, definition, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)`);
      questionnaire.run(1, 1, 'Health and skin questionnaire', JSON.stringify(questionnaireDefinition(1)), iso(START + 2 * HOUR_MS), admins[0]!);
      questionnaire.run(2, 2, 'Health and skin questionnaire', JSON.stringify(questionnaireDefinition(2)), iso(questionnaireV2At), admins[0]!);
      events.add(START + 3 * HOUR_MS, 'questionnaires.publish', 1, 0, admins[0]!);
      events.add(questionnaireV2At, 'questionnaires.publish', 2, 0, admins[0]!);
      return catalogue.length + id + 2;
    });

    tx('lots', () => {
      const lot = sql.prepare(
        `INSERT INTO lots (id, product_id, lot_number, expires_on, status, status_reason, supplier, invoice, received_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const receive = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at, user_id) VALUES (?, 'receive', ?, ?, ?)`);
      for (const row of lotRows) {
        const isRecalled = row === recalled;
        const receivedAt = atClinicHours(r, row.receivedMs);
        lot.run(
          row.lot.id,
          row.lot.product + 1,
          lotNumberOf(row.product.code, row.receivedMs),
          dayOf(row.expiresMs),
          isRecalled ? 'recalled' : 'active',
          isRecalled ? 'Manufacturer recall notice: particles seen in vials from this batch' : null,
          r.pick(suppliers),
          `INV-${r.digits(6)}`,
          dayOf(row.receivedMs),
          iso(receivedAt),
          iso(isRecalled ? END - 3 * DAY : receivedAt),
        );
        receive.run(row.lot.id, (row.lot.usedQty + row.leftover) / 1000, iso(receivedAt), admins[0]!);
        events.add(receivedAt, 'lots.receive', row.lot.id, 0, admins[0]!);
        if (isRecalled) events.add(END - 3 * DAY, 'lots.recall', row.lot.id, 0, admins[0]!);
      }
      return lotRows.length;
    });

    tx('patients', () => {
      const patient = sql.prepare(
        `INSERT INTO patients (id, chart_number, first_name, last_name, date_of_birth, sex, phone, email, address, fitzpatrick, allergies, medications, notes, flags,
           name_key, phone_digits, phone_digits_reversed, archived_at, archived_reason, created_at, updated_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const nameKey = sql.prepare('INSERT OR IGNORE INTO patient_name_keys (key, patient_id) VALUES (?, ?)');
      let keyRows = 0;
      for (let i = 0; i < N; i++) {
        const id = i + 1;
        const keys = searchKeysOf(first[i]!, last[i]!);
        const phone = r.chance(0.93) ? (r.chance(0.8) ? `+44 7700 ${r.digits(6)}` : `07700 ${r.digits(6)}`) : null;
        const digits = phoneDigitsOf(phone);
        const ascii = (s: string) => emailPartOf(s);
        const email = r.chance(0.6) ? `${ascii(first[i]!)}.${ascii(last[i]!)}${r.chance(0.3) ? r.between(1, 99) : ''}@example.${r.pick(['com', 'org', 'net'])}` : null;
        const address = r.chance(0.5) ? `${r.between(1, 240)} ${r.pick(streets)}, ${r.pick(towns)}` : null;
        const archived = r.chance(0.01) ? lastActivity[i]! + r.between(30, 400) * DAY : null;
        const archivedAt = archived !== null && archived < END ? iso(archived) : null;
        patient.run(
          id,
          `SC-${String(id).padStart(6, '0')}`,
          first[i],
          last[i],
          dob[i],
          sexOf(i),
          phone,
          email,
          address,
          fitz[i],
          JSON.stringify(r.chance(0.12) ? [r.pick(allergyChoices)] : []),
          JSON.stringify(r.chance(0.2) ? [r.pick(medicineChoices)] : []),
          r.chance(0.1) ? r.pick(patientNotes) : null,
          JSON.stringify(patientFlags[i]),
          keys.nameKey,
          digits,
          reversed(digits),
          archivedAt,
          archivedAt ? 'Moved away; records kept for the retention period' : null,
          iso(reg[i]!),
          iso(Math.max(reg[i]!, ...(archivedAt ? [Date.parse(archivedAt)] : []))),
          archivedAt ? 2 : 1,
        );
        for (const part of keys.parts) keyRows += nameKey.run(part, id).changes;
        events.add(reg[i]!, 'patients.create', id, id, desk[i % desk.length]!);
      }
      counts_['patient_name_keys'] = keyRows;
      return N;
    });

    tx('intakes', () => {
      const intake = sql.prepare(`INSERT INTO intakes (id, patient_id, questionnaire_id, answers, flags, submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      intakes.forEach((x, k) => {
        const answers: Record<string, unknown> = {};
        for (const q of screeningQuestions) answers[q.id] = x.flags.includes(q.id);
        answers.concern = x.concern;
        if (x.version >= 2) answers.blood_thinners = false;
        const user = desk[x.patient % desk.length]!;
        intake.run(k + 1, x.patient + 1, x.version, JSON.stringify(answers), JSON.stringify(x.flags), iso(x.at), user);
        events.add(x.at, 'intake.submit', k + 1, x.patient + 1, user);
      });
      return intakes.length;
    });

    tx('consents', () => {
      const templateId = new Map<string, number>();
      for (const row of sql.prepare('SELECT id, treatment_type AS t, version AS v FROM consent_templates').all() as { id: number; t: string; v: number }[]) {
        templateId.set(`${row.t}:${row.v}`, row.id);
      }
      const consent = sql.prepare(
        `INSERT INTO consents (id, patient_id, template_id, treatment_type, rendered_text, fields, signature, signed_by_name, photo_consent, recorded_by, signed_at, content_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      consents.forEach((c, k) => {
        const type = treatmentTypes[c.type]!;
        const w = consentWording[type];
        const name = `${first[c.patient]} ${last[c.patient]}`;
        const renderedText = `${w.title}\n\n${w.body}${c.version >= 2 ? `\n${w.revised}` : ''}\n\n${consentDeclaration}\n\nPatient: ${name}, born ${dob[c.patient]}.`;
        const signedAt = iso(c.at);
        const signedOn = localDateOf(new Date(c.at));
        const user = desk[c.patient % desk.length]!;
        const chartNumber = `SC-${String(c.patient + 1).padStart(6, '0')}`;
        // The same shape and hash as consents.sign, so a demo consent prints and verifies like a real one.
        const fields: ConsentFields = {
          values: { 'patient.fullName': name, 'patient.chartNumber': chartNumber, date: longDate(signedOn) },
          patient: { fullName: name, chartNumber, dateOfBirth: dob[c.patient]! },
          signedOn,
          ageOnSigning: ageOnDate(dob[c.patient]!, signedOn),
          template: { version: c.version, title: w.title },
          witnessName: null,
          recordedByName: staff[user - 1]!.name,
        };
        const content = {
          patientId: c.patient + 1,
          templateId: templateId.get(`${type}:${c.version}`)!,
          treatmentType: type,
          renderedText,
          fields,
          signature,
          signedByName: name,
          guardianName: null,
          guardianRelationship: null,
          photoConsent: r.chance(0.7),
          witnessUserId: null,
          recordedBy: user,
          signedAt,
        };
        const { patientId, templateId: tId, photoConsent } = content;
        consent.run(k + 1, patientId, tId, type, renderedText, JSON.stringify(fields), signature, name, photoConsent ? 1 : 0, user, signedAt, consentContentHash(content));
        events.add(c.at, 'consents.sign', k + 1, c.patient + 1, user);
      });
      return consents.length;
    });

    tx('treatment_sessions', () => {
      const session = new BatchInsert(
        sql,
        'INSERT INTO treatment_sessions (id, patient_id, treatment_type, status, performed_at, practitioner_id, parameters, areas, notes, signed_at, signed_by, created_at, updated_at, version)',
        14,
      );
      const addendum = sql.prepare(`INSERT INTO session_addenda (session_id, text, reason, at, user_id) VALUES (?, ?, ?, ?, ?)`);
      const photo = sql.prepare(
        `INSERT INTO session_photos (session_id, kind, file_name, sha256, mime, width, height, bytes, taken_at, user_id) VALUES (?, ?, ?, ?, 'image/png', 240, 300, ?, ?, ?)`,
      );
      let photos = 0;
      let addenda = 0;
      if (options.photosDir) mkdirSync(options.photosDir, { recursive: true });
      for (let rank = 0; rank < S; rank++) {
        const k = order[rank]!;
        const id = rank + 1;
        const patientId = sPatient[k]! + 1;
        const type = treatmentTypes[sType[k]!]!;
        const at = sTime[k]!;
        const practitioner = r.chance(0.8) ? usualPractitioner(sPatient[k]!) : r.pick(practitioners);
        sPractitioner[rank] = practitioner;
        const draft = at > END - 3 * DAY;
        const signedAt = draft ? null : at + r.between(30, 90) * MINUTE;
        const areas = sessionAreas(type, r);
        session.add(
          id,
          patientId,
          type,
          draft ? 'draft' : 'signed',
          iso(at),
          practitioner,
          JSON.stringify(sessionParameters(type, r, at)),
          JSON.stringify(areas),
          r.chance(0.3) ? r.pick(sessionNotes) : null,
          signedAt === null ? null : iso(signedAt),
          signedAt === null ? null : practitioner,
          iso(at),
          iso(signedAt ?? at),
          signedAt === null ? 1 : 2,
        );
        events.add(signedAt ?? at, draft ? 'sessions.start' : 'sessions.sign', id, patientId, practitioner);
        if (areas.length > 0 && r.chance(plan.photoRate)) {
          for (const kind of ['before', 'after'] as const) {
            const takenAt = iso(at + (kind === 'before' ? 2 : 50) * MINUTE);
            let bytes = 0;
            let sha = sha256Hex(`${id}:${kind}`);
            if (options.photosDir) {
              const png = photoPlaceholder(kind, fitz[sPatient[k]!]! - 1);
              sha = sha256Hex(png);
              bytes = png.length;
              writeFileSync(join(options.photosDir, `${sha}.png`), png);
            } else bytes = 40_000 + r.int(200_000);
            photo.run(id, kind, `${sha}.png`, sha, bytes, takenAt, practitioner);
            photos++;
          }
        }
        if (signedAt !== null && r.chance(0.005)) {
          const [text, reason] = r.pick(addendumTexts);
          addendum.run(id, text, reason, iso(signedAt + r.between(1, 10) * DAY), practitioner);
          addenda++;
        }
      }
      session.flush();
      counts_['session_photos'] = photos;
      counts_['session_addenda'] = addenda;
      return S;
    });

    tx('session_products', () => {
      const use = new BatchInsert(sql, 'INSERT INTO session_products (id, session_id, lot_id, quantity, area, at, user_id)', 7);
      const movement = new BatchInsert(sql, 'INSERT INTO stock_movements (lot_id, kind, quantity, session_product_id, at, user_id)', 6);
      for (let k = 0; k < U; k++) {
        const user = sPractitioner[uSession[k]! - 1]!;
        const lotId = lots[lotOfUse[k]!]!.id;
        const at = iso(uTime[k]!);
        use.add(k + 1, uSession[k], lotId, uQty[k]! / 1000, uArea[k], at, user);
        movement.add(lotId, 'use', -uQty[k]! / 1000, k + 1, at, user);
      }
      use.flush();
      movement.flush();
      // Stock left in old lots was discarded at expiry.
      const waste = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, reason, at, user_id) VALUES (?, 'waste', ?, 'Expired; discarded', ?, ?)`);
      let wasted = 0;
      for (const row of lotRows) {
        if (row.leftover > 0 && !row.lot.current && row.expiresMs < END) {
          waste.run(row.lot.id, -row.leftover / 1000, iso(row.expiresMs + DAY), admins[0]!);
          wasted++;
        }
      }
      counts_['waste movements'] = wasted;
      return U;
    });

    // Chart openings make up the rest of the audit log.
    const views = Math.max(0, plan.auditEntries - events.length);
    for (let k = 0; k < views; k++) {
      const at = START + r.next() * (END - START);
      const registered = Math.max(1, Math.min(N, Math.floor(((at - START) / (END - START - 14 * DAY)) * N)));
      const patientId = r.int(registered) + 1;
      events.add(Math.max(at, reg[patientId - 1]! + MINUTE), 'patients.chart', patientId, patientId, r.pick(practitioners));
    }
    phase('plan chart openings');

    tx('audit_log', () => {
      const E = events.length;
      // In time order (ties in the order they were added), sorted natively on one 64-bit key per event.
      const at = events.at;
      const keys = new BigInt64Array(E);
      for (let k = 0; k < E; k++) keys[k] = (BigInt(Math.round(at[k]! - START + DAY)) << 22n) | BigInt(k);
      keys.sort();
      const byTime = new Uint32Array(E);
      for (let k = 0; k < E; k++) byTime[k] = Number(keys[k]! & 0x3fffffn);
      const insert = new BatchInsert(sql, 'INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, patient_id, change_hash, prev_hash, hash)', 10);
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= E; seq++) {
        const k = byTime[seq - 1]!;
        const kind = kinds[events.kind[k]!]!;
        const entityId = String(events.entityId[k]);
        const patientId = events.patientId[k] || null;
        const changeHash = kind === 'patients.chart' ? viewChangeHash : sha256Hex(`{"action":"${kind}","id":${events.entityId[k]}}`);
        const base = { seq, at: iso(at[k]!), userId: events.userId[k]!, action: kind, entity: entityOf[kind], entityId, patientId, changeHash };
        const hash = entryHash(prevHash, base);
        insert.add(seq, base.at, base.userId, kind, base.entity, entityId, patientId, changeHash, prevHash, hash);
        prevHash = hash;
      }
      insert.flush();
      return E;
    });
  };

  bulkLoad(db, load, log);
  phase('triggers and journal');
  sql.pragma('wal_checkpoint(TRUNCATE)');

  const heavyPatientIds = heavy.map((i) => i + 1).sort((a, b) => counts[b - 1]! - counts[a - 1]! || a - b);
  const busy = lots.find((l) => l.busy) ?? lots.reduce((a, b) => (b.uses > a.uses ? b : a));
  const busyNumber = sql.prepare('SELECT lot_number FROM lots WHERE id = ?').pluck().get(busy.id) as string;
  return {
    plan,
    staff,
    heavyPatientIds,
    busyLot: { id: busy.id, lotNumber: busyNumber, uses: busy.uses },
    recalledLotId: recalled.lot.id,
    counts: counts_,
    timings,
  };
}
