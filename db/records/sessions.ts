import { and, eq } from 'drizzle-orm';
import { treatmentInSentence, type TreatmentType } from '../api/fields';
import type { ContraindicationFound, NumbingInput, Session, SessionChecks, SessionListItem, SessionProduct } from '../api/sessions';
import { ClinicError, fieldError, notFound, staleVersion } from '../errors';
import { prepared } from '../prepared';
import type { AreaMark } from '../rules/body-map';
import { areaMarkProblems, chartMissingFields, chartWarnings, isNumbingProduct, missingFieldLabel, type ProductFacts } from '../rules/chart';
import { blocking, contraindicationsFor, type Contraindication } from '../rules/contraindications';
import { isExpiredOn, localDay, toThousandths } from '../rules/lots';
import { treatmentParameters } from '../rules/treatment-parameters';
import type { PatientFlag } from '../api/fields';
import { patients, sessionAddenda, treatmentSessions } from '../schema';
import { validConsentFor } from './consent-lookup';
import type { Ctx } from './context';
import { handlers } from './registry';
import { fieldRefusal, useLotOnSession } from './stock';

type SessionRow = typeof treatmentSessions.$inferSelect;

/** The numbing step as kept in treatment_sessions.numbing. */
interface StoredNumbing {
  lotId?: number;
  quantity?: number;
  area?: string;
  appliedAt?: string;
  removedAt?: string;
  occluded?: boolean;
  sessionProductId?: number;
}


/** A future instant a little beyond the clock is refused: charting records what has happened. */
const CLOCK_SLACK_MS = 10 * 60_000;

/** The products a session used, by lot, in the order they were recorded. */
export const sessionProductsOf = (ctx: Pick<Ctx, 'sql'>, sessionId: number): SessionProduct[] =>
  prepared(
    ctx.sql,
    `SELECT sp.id, sp.lot_id AS lotId, l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.product_id AS productId,
            p.name AS productName, p.unit, sp.quantity, sp.area, sp.at, sp.user_id AS userId
     FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id
     WHERE sp.session_id = ? ORDER BY sp.id`,
  ).all(sessionId) as SessionProduct[];

/** What the rules need to know about each product used: its ingredients and kind. */
const productFactsOf = (ctx: Pick<Ctx, 'sql'>, sessionId: number): ProductFacts[] =>
  (
    prepared(
      ctx.sql,
      `SELECT p.ingredients, p.kind FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id
       WHERE sp.session_id = ?`,
    ).all(sessionId) as { ingredients: string; kind: string }[]
  ).map((r) => ({ ingredients: JSON.parse(r.ingredients) as string[], kind: r.kind }));

// The session row as drizzle would give it (JSON columns parsed), read with one prepared statement:
// building the query through drizzle on every call cost more than running it.
const SESSION_ROW = `SELECT id, patient_id AS patientId, treatment_type AS treatmentType, status, performed_at AS performedAt,
    practitioner_id AS practitionerId, parameters, areas, notes, numbing, override_reason AS overrideReason,
    override_rules AS overrideRules, signed_at AS signedAt, signed_by AS signedBy, created_at AS createdAt,
    updated_at AS updatedAt, version
  FROM treatment_sessions WHERE id = ?`;
type StoredSessionRow = Omit<SessionRow, 'parameters' | 'areas' | 'numbing' | 'overrideRules'> & {
  parameters: string;
  areas: string;
  numbing: string | null;
  overrideRules: string | null;
};

export const loadSession = (ctx: Pick<Ctx, 'sql'>, id: number): SessionRow => {
  const row = prepared(ctx.sql, SESSION_ROW).get(id) as StoredSessionRow | undefined;
  if (!row) throw notFound('treatment session', id);
  return {
    ...row,
    parameters: JSON.parse(row.parameters) as unknown,
    areas: JSON.parse(row.areas) as unknown,
    numbing: row.numbing === null ? null : (JSON.parse(row.numbing) as unknown),
    overrideRules: row.overrideRules === null ? null : (JSON.parse(row.overrideRules) as unknown),
  };
};

interface PatientSummary {
  id: number;
  chartNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  flags: PatientFlag[];
}

const patientOf = (ctx: Pick<Ctx, 'sql'>, id: number): PatientSummary => {
  const p = prepared(
    ctx.sql,
    'SELECT id, chart_number AS chartNumber, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, flags FROM patients WHERE id = ?',
  ).get(id) as (Omit<PatientSummary, 'flags'> & { flags: string }) | undefined;
  if (!p) throw notFound('patient', id);
  return { ...p, flags: JSON.parse(p.flags) as PatientFlag[] };
};

const userName = (ctx: Pick<Ctx, 'sql'>, id: number | null): string | null =>
  id === null ? null : ((prepared(ctx.sql, 'SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null);

const contraindicationView = (c: Contraindication): ContraindicationFound => ({
  ruleId: c.rule.id,
  flag: c.rule.flag,
  level: c.rule.level,
  matchedOn: c.matchedOn,
  reason: c.rule.reason,
});

const numbingOf = (row: SessionRow): StoredNumbing | null => (row.numbing ?? null) as StoredNumbing | null;

/** Everything that stands between a chart and its signature, from the rules, as of `ctx.now`. */
function checksOf(ctx: Pick<Ctx, 'sql' | 'orm' | 'now'>, row: SessionRow, flags: readonly PatientFlag[], facts: readonly ProductFacts[]): SessionChecks {
  const type = row.treatmentType as TreatmentType;
  const parameters = row.parameters as Record<string, unknown>;
  const numbing = numbingOf(row);
  const missing = chartMissingFields({ treatmentType: type, parameters, areaCount: (row.areas as unknown[]).length, products: facts, numbing });
  const consent = validConsentFor(ctx, row.patientId, type, new Date(row.performedAt));
  return {
    missing: missing.map((field) => ({ field, label: missingFieldLabel(type, field) })),
    contraindications: contraindicationsFor(flags, type, facts).map(contraindicationView),
    warnings: chartWarnings({ parameters, numbing }, ctx.now),
    consent: consent
      ? { status: 'valid', consentId: consent.id, signedAt: consent.signedAt, templateVersion: consent.templateVersion }
      : { status: 'missing', consentId: null, signedAt: null, templateVersion: null },
  };
}

/** A session's products with what the rules need of each (ingredients, kind), in one read. */
const productsWithFacts = (ctx: Pick<Ctx, 'sql'>, sessionId: number): { products: SessionProduct[]; facts: ProductFacts[] } => {
  const rows = prepared(
    ctx.sql,
    `SELECT sp.id, sp.lot_id AS lotId, l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.product_id AS productId,
            p.name AS productName, p.unit, sp.quantity, sp.area, sp.at, sp.user_id AS userId, p.ingredients, p.kind
     FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id
     WHERE sp.session_id = ? ORDER BY sp.id`,
  ).all(sessionId) as (SessionProduct & { ingredients: string; kind: string })[];
  return {
    products: rows.map(({ ingredients: _i, kind: _k, ...product }) => product),
    facts: rows.map((r) => ({ ingredients: JSON.parse(r.ingredients) as string[], kind: r.kind })),
  };
};

export const toSession = (ctx: Pick<Ctx, 'sql' | 'orm' | 'now'>, r: SessionRow): Session => {
  const { products, facts } = productsWithFacts(ctx, r.id);
  const patient = patientOf(ctx, r.patientId);
  const stored = numbingOf(r);
  const used = stored?.sessionProductId ? products.find((p) => p.id === stored.sessionProductId) : undefined;
  // Addenda exist only on signed sessions (a trigger refuses one on a draft).
  const addenda =
    r.status === 'signed'
      ? (prepared(
          ctx.sql,
          `SELECT a.id, a.text, a.reason, a.at, a.user_id AS userId, u.name AS userName
     FROM session_addenda a LEFT JOIN users u ON u.id = a.user_id WHERE a.session_id = ? ORDER BY a.id`,
        ).all(r.id) as Session['addenda'])
      : [];
  const aftercare = prepared(
    ctx.sql,
    `SELECT g.id, g.treatment_type AS treatmentType, g.version, t.title, g.at, u.name AS userName
     FROM aftercare_given g
     LEFT JOIN aftercare_templates t ON t.treatment_type = g.treatment_type AND t.version = g.version
     LEFT JOIN users u ON u.id = g.user_id
     WHERE g.session_id = ? ORDER BY g.id`,
  ).all(r.id) as Session['aftercare'];
  return {
    id: r.id,
    patientId: r.patientId,
    treatmentType: r.treatmentType as TreatmentType,
    status: r.status,
    performedAt: r.performedAt,
    practitionerId: r.practitionerId,
    practitionerName: userName(ctx, r.practitionerId),
    parameters: r.parameters as Record<string, unknown>,
    areas: r.areas as unknown[],
    notes: r.notes,
    numbing: stored
      ? {
          lotId: stored.lotId ?? null,
          quantity: stored.quantity ?? null,
          area: stored.area ?? null,
          appliedAt: stored.appliedAt ?? null,
          removedAt: stored.removedAt ?? null,
          occluded: stored.occluded ?? null,
          sessionProductId: stored.sessionProductId ?? null,
          productName: used?.productName ?? null,
          lotNumber: used?.lotNumber ?? null,
          expiresOn: used?.expiresOn ?? null,
          unit: used?.unit ?? null,
        }
      : null,
    signedAt: r.signedAt,
    signedBy: r.signedBy,
    signedByName: userName(ctx, r.signedBy),
    overrideReason: r.overrideReason,
    overriddenRules: (r.overrideRules as string[] | null) ?? [],
    products,
    addenda,
    aftercare,
    patient,
    checks: checksOf(ctx, r, patient.flags, facts),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
};

/** A signed session takes no more changes: corrections are addenda. */
const lockedError = (ctx: Pick<Ctx, 'sql'>, row: SessionRow) =>
  new ClinicError(
    'locked',
    `This session was signed${row.signedAt ? ` on ${row.signedAt.slice(0, 10)}` : ''}${row.signedBy ? ` by ${userName(ctx, row.signedBy) ?? 'a practitioner'}` : ''} and is locked; record a correction as an addendum`,
    { signedAt: row.signedAt, signedBy: row.signedBy },
  );

const staleSession = (row: SessionRow) => {
  const e = staleVersion('This session');
  return new ClinicError(e.code, e.message, { reason: 'stale_version', currentVersion: row.version });
};

/** Parameters checked against the treatment type's schema, each problem named by its field. */
function parseParameters(type: TreatmentType, raw: Record<string, unknown>): Record<string, unknown> {
  const parsed = treatmentParameters[type].safeParse(raw);
  if (parsed.success) return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const issues = parsed.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: ['parameters', ...i.path.map(String), k].join('.'), message: `is not a field of a ${treatmentInSentence(type)} chart` }))
      : [{ path: ['parameters', ...i.path.map(String)].join('.'), message: i.message }],
  );
  throw new ClinicError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

/** Marks checked for the treatment (depth ranges) and tied to lots this session really used. */
function checkAreas(ctx: Pick<Ctx, 'sql'>, row: SessionRow, marks: AreaMark[]): void {
  const problems = areaMarkProblems(row.treatmentType as TreatmentType, marks);
  const used = new Map(sessionProductsOf(ctx, row.id).map((p) => [p.lotId, p.productId]));
  marks.forEach((m, i) => {
    if (m.lotId === undefined) return;
    const productId = used.get(m.lotId);
    if (productId === undefined) problems.push({ path: `areas.${i}.lotId`, message: 'is not a lot used in this session; add the product first' });
    else if (m.productId !== undefined && m.productId !== productId) problems.push({ path: `areas.${i}.productId`, message: 'is not the product of the lot given' });
  });
  if (problems.length) throw new ClinicError('invalid_input', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { issues: problems });
}

const notInFuture = (ctx: Pick<Ctx, 'now'>, field: string, iso: string | undefined) => {
  if (iso && Date.parse(iso) > ctx.now.getTime() + CLOCK_SLACK_MS) throw fieldError(field, 'is in the future; record it when it has happened');
};

interface LotFacts {
  lotNumber: string;
  productName: string;
  ingredients: string;
  kind: string;
}

/**
 * The numbing step after this change. The cream's use is recorded once, when its lot is first
 * given; from then on its lot and quantity stay as recorded (a product use is never edited).
 * Returns the step to store and, when it is to be recorded now, the use.
 */
function nextNumbing(ctx: Ctx, stored: StoredNumbing | null, input: NumbingInput | null): { step: StoredNumbing | null; record: { lotId: number; quantity: number } | null } {
  if (input === null) {
    if (stored?.sessionProductId) {
      throw fieldError('numbing', 'the cream is recorded as used (stock was deducted); it stays on the chart. If it was not applied, say so in the notes');
    }
    return { step: null, record: null };
  }
  const recorded = stored?.sessionProductId !== undefined;
  if (recorded && input.lotId !== undefined && input.lotId !== stored.lotId) {
    throw fieldError('numbing.lotId', 'the cream’s lot is already recorded; a recorded use cannot be changed');
  }
  if (recorded && input.quantity !== undefined && toThousandths(input.quantity) !== toThousandths(stored.quantity ?? 0)) {
    throw fieldError('numbing.quantity', `is recorded as ${stored.quantity}; a recorded use cannot be changed`);
  }
  const appliedAt = input.appliedAt && new Date(input.appliedAt).toISOString();
  const removedAt = input.removedAt && new Date(input.removedAt).toISOString();
  notInFuture(ctx, 'numbing.appliedAt', appliedAt);
  notInFuture(ctx, 'numbing.removedAt', removedAt);
  if (appliedAt && removedAt && removedAt < appliedAt) throw fieldError('numbing.removedAt', 'must be after the cream was applied');
  if (removedAt && !appliedAt) throw fieldError('numbing.appliedAt', 'is required before the removal time');
  const lotId = recorded ? stored.lotId : input.lotId;
  const quantity = recorded ? stored.quantity : input.quantity;
  let record: { lotId: number; quantity: number } | null = null;
  if (!recorded && lotId !== undefined) {
    const lot = prepared(
      ctx.sql,
      'SELECT l.lot_number AS lotNumber, p.name AS productName, p.ingredients, p.kind FROM lots l JOIN products p ON p.id = l.product_id WHERE l.id = ?',
    ).get(lotId) as LotFacts | undefined;
    if (!lot) throw fieldError('numbing.lotId', 'no lot has this id; receive the stock first');
    if (!isNumbingProduct({ ingredients: JSON.parse(lot.ingredients) as string[], kind: lot.kind })) {
      throw fieldError('numbing.lotId', `${lot.productName} is not a numbing cream (a topical with lidocaine, prilocaine, tetracaine or benzocaine)`);
    }
    if (quantity === undefined) throw fieldError('numbing.quantity', 'is required with the lot: how much cream was used');
    record = { lotId, quantity };
  }
  const step: StoredNumbing = {
    ...(lotId !== undefined && { lotId }),
    ...(quantity !== undefined && { quantity }),
    ...(input.area && { area: input.area }),
    ...(appliedAt && { appliedAt }),
    ...(removedAt && { removedAt }),
    ...(input.occluded !== undefined && { occluded: input.occluded }),
    ...(recorded && { sessionProductId: stored.sessionProductId }),
  };
  return { step, record };
}

/** A lot refusal from the point of use, named as the numbing step's field. */
const asNumbingField = (e: unknown): unknown => {
  if (!(e instanceof ClinicError)) return e;
  const details = e.details as { issues?: { path: string; message: string }[] } | undefined;
  if (!details?.issues) return e;
  const issues = details.issues.map((i) => ({ ...i, path: `numbing.${i.path}` }));
  return new ClinicError(e.code, `Numbing cream: ${e.message}`, { ...details, issues });
};

/** After the session's date moves, every lot it used must still have been in date and in stock on the new day. */
function recheckLotsOn(ctx: Pick<Ctx, 'sql'>, sessionId: number, performedAt: string): void {
  const day = localDay(new Date(performedAt));
  const lots = prepared(
    ctx.sql,
    `SELECT DISTINCT l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.received_on AS receivedOn, p.name AS productName
     FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id WHERE sp.session_id = ?`,
  ).all(sessionId) as { lotNumber: string; expiresOn: string; receivedOn: string; productName: string }[];
  for (const lot of lots) {
    if (isExpiredOn(lot.expiresOn, day)) {
      throw fieldRefusal('lot_expired', 'performedAt', `${lot.productName} lot ${lot.lotNumber} used in this session expired on ${lot.expiresOn}, before the new date (${day})`);
    }
    if (lot.receivedOn > day) {
      throw fieldError('performedAt', `${lot.productName} lot ${lot.lotNumber} used in this session was received on ${lot.receivedOn}, after the new date (${day})`);
    }
  }
}

const listItems = (ctx: Pick<Ctx, 'sql'>, patientId: number, status: string | null, beforeAt: string, beforeId: number, limit: number) =>
  prepared(
    ctx.sql,
    `SELECT s.id, s.treatment_type AS treatmentType, s.status, s.performed_at AS performedAt, pu.name AS practitionerName,
            s.signed_at AS signedAt, su.name AS signedByName,
            (SELECT count(*) FROM session_products sp WHERE sp.session_id = s.id) AS productCount,
            (SELECT count(*) FROM session_addenda a WHERE a.session_id = s.id) AS addendumCount
     FROM treatment_sessions s
     LEFT JOIN users pu ON pu.id = s.practitioner_id
     LEFT JOIN users su ON su.id = s.signed_by
     WHERE s.patient_id = ? AND (? IS NULL OR s.status = ?) AND (s.performed_at < ? OR (s.performed_at = ? AND s.id < ?))
     ORDER BY s.performed_at DESC, s.id DESC LIMIT ?`,
  ).all(patientId, status, status, beforeAt, beforeAt, beforeId, limit) as SessionListItem[];

export const sessionHandlers = handlers({
  'sessions.start': (ctx, input) => {
    const patient = ctx.orm.select({ id: patients.id, archivedAt: patients.archivedAt }).from(patients).where(eq(patients.id, input.patientId)).get();
    if (!patient) throw fieldError('patientId', 'no patient has this id');
    if (patient.archivedAt) throw fieldError('patientId', 'this patient is archived; restore the record before charting');
    const row = ctx.orm
      .insert(treatmentSessions)
      .values({
        patientId: patient.id,
        treatmentType: input.treatmentType,
        performedAt: new Date(input.performedAt ?? ctx.nowIso).toISOString(),
        practitionerId: ctx.user?.id ?? null,
        createdAt: ctx.nowIso,
        updatedAt: ctx.nowIso,
      })
      .returning()
      .get();
    ctx.audit({ action: 'sessions.start', entity: 'session', entityId: row.id, patientId: patient.id, change: input });
    return toSession(ctx, row);
  },

  'sessions.get': (ctx, input) => {
    const row = loadSession(ctx, input.id);
    ctx.audit({ action: 'sessions.get', entity: 'session', entityId: row.id, patientId: row.patientId });
    return toSession(ctx, row);
  },

  'sessions.addProduct': (ctx, input) => {
    useLotOnSession(ctx, input);
    return toSession(ctx, loadSession(ctx, input.sessionId));
  },

  'sessions.update': (ctx, input) => {
    const row = loadSession(ctx, input.id);
    if (row.status === 'signed') throw lockedError(ctx, row);
    if (row.version !== input.version) throw staleSession(row);
    const type = row.treatmentType as TreatmentType;
    const set: Partial<SessionRow> = { updatedAt: ctx.nowIso, version: row.version + 1 };
    if (input.parameters !== undefined) set.parameters = parseParameters(type, input.parameters);
    if (input.areas !== undefined) {
      checkAreas(ctx, row, input.areas);
      set.areas = input.areas;
    }
    if (input.notes !== undefined) set.notes = input.notes === '' ? null : input.notes;
    if (input.performedAt !== undefined) {
      notInFuture(ctx, 'performedAt', input.performedAt);
      set.performedAt = new Date(input.performedAt).toISOString();
    }
    const numbing = input.numbing === undefined ? null : nextNumbing(ctx, numbingOf(row), input.numbing);
    if (numbing) set.numbing = numbing.step;

    const { changes } = ctx.orm
      .update(treatmentSessions)
      .set(set)
      .where(and(eq(treatmentSessions.id, row.id), eq(treatmentSessions.version, row.version)))
      .run();
    if (changes !== 1) throw staleSession(row);

    // The cream's use is recorded after the row has its new date, so the lot is judged on that day.
    if (numbing?.record && numbing.step) {
      let used: { sessionProductId: number };
      try {
        used = useLotOnSession(ctx, { sessionId: row.id, ...numbing.record, area: numbing.step.area ?? null });
      } catch (e) {
        throw asNumbingField(e);
      }
      ctx.orm
        .update(treatmentSessions)
        .set({ numbing: { ...numbing.step, sessionProductId: used.sessionProductId } })
        .where(eq(treatmentSessions.id, row.id))
        .run();
    }
    if (set.performedAt !== undefined && set.performedAt !== row.performedAt) recheckLotsOn(ctx, row.id, set.performedAt);

    ctx.audit({ action: 'sessions.update', entity: 'session', entityId: row.id, patientId: row.patientId, change: input });
    return toSession(ctx, loadSession(ctx, row.id));
  },

  'sessions.forPatient': (ctx, input) => {
    const patient = ctx.orm.select({ id: patients.id }).from(patients).where(eq(patients.id, input.patientId)).get();
    if (!patient) throw notFound('patient', input.patientId);
    const limit = input.limit ?? 100;
    const [beforeAt, beforeId] = input.cursor ? (input.cursor.split('|') as [string, string]) : ['9999', String(Number.MAX_SAFE_INTEGER)];
    const items = listItems(ctx, patient.id, input.status ?? null, beforeAt, Number(beforeId), limit + 1);
    const more = items.length > limit;
    if (more) items.pop();
    const last = items.at(-1);
    ctx.audit({ action: 'sessions.forPatient', entity: 'patient', entityId: patient.id, patientId: patient.id });
    return { items, nextCursor: more && last ? `${last.performedAt}|${last.id}` : null };
  },

  'sessions.sign': (ctx, input) => {
    const row = loadSession(ctx, input.id);
    if (row.status === 'signed') throw lockedError(ctx, row);
    if (input.version !== undefined && input.version !== row.version) throw staleSession(row);
    const user = ctx.user!;
    notInFuture(ctx, 'performedAt', row.performedAt);
    const type = row.treatmentType as TreatmentType;
    const patient = patientOf(ctx, row.patientId);
    const facts = productFactsOf(ctx, row.id);
    const checks = checksOf(ctx, row, patient.flags, facts);

    if (checks.missing.length) {
      const labels = checks.missing.map((m) => m.label);
      throw new ClinicError('chart_incomplete', `The chart is not complete. Missing: ${labels.join('; ')}`, {
        missing: checks.missing.map((m) => m.field),
        labels,
        issues: checks.missing.map((m) => ({ path: m.field === 'areas' || m.field === 'products' || m.field.startsWith('numbing.') ? m.field : `parameters.${m.field}`, message: 'is required to sign' })),
      });
    }
    if (checks.consent.status !== 'valid') {
      const day = localDay(new Date(row.performedAt));
      throw new ClinicError('consent_missing', `No valid ${treatmentInSentence(type)} consent on ${day}: the patient must sign one before this session is signed`, {
        treatmentType: type,
        on: day,
      });
    }
    const blocks = blocking(contraindicationsFor(patient.flags, type, facts)).map(contraindicationView);
    if (blocks.length && !input.override) {
      throw new ClinicError(
        'contraindicated',
        `Contraindicated: ${blocks.map((b) => b.reason).join('; ')}. A practitioner may sign with an override and a reason.`,
        { contraindications: blocks },
        { action: 'refused:sessions.sign', entity: 'session', entityId: row.id, patientId: row.patientId, change: { code: 'contraindicated', rules: blocks.map((b) => b.ruleId) } },
      );
    }
    // An override is recorded only when it overrode something.
    const overridden = blocks.length ? blocks.map((b) => b.ruleId) : null;
    const { changes } = ctx.orm
      .update(treatmentSessions)
      .set({
        status: 'signed',
        signedAt: ctx.nowIso,
        signedBy: user.id,
        practitionerId: row.practitionerId ?? user.id,
        overrideReason: overridden ? input.override!.reason : null,
        overrideRules: overridden,
        updatedAt: ctx.nowIso,
        version: row.version + 1,
      })
      .where(and(eq(treatmentSessions.id, row.id), eq(treatmentSessions.version, row.version)))
      .run();
    if (changes !== 1) throw staleSession(row);
    if (overridden) {
      ctx.audit({
        action: 'sessions.override',
        entity: 'session',
        entityId: row.id,
        patientId: row.patientId,
        change: { rules: overridden, reason: input.override!.reason },
      });
    }
    ctx.audit({
      action: 'sessions.sign',
      entity: 'session',
      entityId: row.id,
      patientId: row.patientId,
      change: { version: row.version, consentId: checks.consent.consentId, warningsShown: checks.warnings, overridden },
    });
    return toSession(ctx, loadSession(ctx, row.id));
  },

  'sessions.addendum': (ctx, input) => {
    const row = loadSession(ctx, input.id);
    if (row.status !== 'signed') throw new ClinicError('conflict', 'This session is still a draft: change the chart itself; addenda are for signed sessions', { status: row.status });
    const added = ctx.orm
      .insert(sessionAddenda)
      .values({ sessionId: row.id, text: input.text, reason: input.reason, at: ctx.nowIso, userId: ctx.user?.id ?? null })
      .returning({ id: sessionAddenda.id })
      .get();
    ctx.audit({ action: 'sessions.addendum', entity: 'session_addendum', entityId: added.id, patientId: row.patientId, change: { sessionId: row.id, ...input } });
    return toSession(ctx, row);
  },
});
