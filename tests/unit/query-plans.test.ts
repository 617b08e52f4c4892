import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditSql } from '../../db/audit-chain';
import { chartSql } from '../../db/records/chart';
import { searchSql } from '../../db/records/patient-search';
import { patients } from '../../db/schema';
import { signedInUserSql } from '../../electron/dispatch';
import { clinicPlan, generateClinic } from '../bench/clinic-generator';
import { testHost } from '../support/host';

// The statements on the hot paths, as the records modules run them, explained by SQLite itself.
const active = 'AND p.archived_at IS NULL';
const statements: Record<string, string> = {
  'search by chart number': searchSql.chart(active),
  'search by date of birth': searchSql.dob(active),
  'search by digits (phone or chart number)': searchSql.digits(active),
  'search by one name part': searchSql.name(active, 0),
  'search by three name parts': searchSql.name(active, 2),
  'search, archived included': searchSql.name('', 1),
  'search results by id': searchSql.byIds,
  'chart: sessions (keyset page)': chartSql.sessions,
  'chart: products of the page': chartSql.products,
  'chart: consents': chartSql.consents,
  'chart: intakes': chartSql.intakes,
  'signed-in user': signedInUserSql,
};

// Scans that are not scans of stored rows: the id list passed as JSON, and a union's own subqueries.
const harmless = /^SCAN (json_each VIRTUAL TABLE|\(subquery-\d+\))/;

describe('query plans on the hot paths', () => {
  // One small generated clinic for all the plans (they only read).
  let clinic: Promise<{ host: ReturnType<typeof testHost>; plan: (text: string) => string[] }> | undefined;
  const plans = () =>
    (clinic ??= (async () => {
      const host = testHost();
      await generateClinic(host.db, clinicPlan(300, { heavySessions: 30, busyLotUses: 20 }), { scryptLogN: 10 });
      const plan = (text: string) => {
        const params = Array.from({ length: (text.match(/\?/g) ?? []).length }, () => 1);
        return (host.db.sql.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      };
      return { host, plan };
    })());

  it.each(Object.entries(statements))('%s reads through an index, never a table scan', async (_name, text) => {
    const { plan } = await plans();
    const steps = plan(text);
    expect(steps.filter((d) => d.startsWith('SCAN') && !harmless.test(d))).toEqual([]);
    expect(steps.some((d) => d.startsWith('SEARCH'))).toBe(true);
  });

  it('walks name parts in index order and pages a chart without sorting', async () => {
    const { plan } = await plans();
    for (const text of [searchSql.name(active, 0), searchSql.name(active, 1), chartSql.sessions, chartSql.products]) {
      expect(plan(text).filter((d) => d.includes('TEMP B-TREE'))).toEqual([]);
    }
    expect(plan(searchSql.name(active, 0))[0]).toMatch(/^SEARCH k USING COVERING INDEX sqlite_autoindex_patient_name_keys_1 \(key>\? AND key<\?\)/);
  });

  it('reads a chart page and its products from covering indexes (no table row per session)', async () => {
    const { plan } = await plans();
    expect(plan(chartSql.sessions)[0]).toBe('SEARCH s USING COVERING INDEX treatment_sessions_patient (patient_id=?)');
    expect(plan(chartSql.products)[0]).toBe('SEARCH sp USING COVERING INDEX session_products_session (session_id=?)');
  });

  it('finds a patient by id and the audit chain head without a scan', async () => {
    const { host, plan } = await plans();
    const { sql } = host.db.orm.select().from(patients).where(eq(patients.id, 1)).toSQL();
    expect(plan(sql)).toEqual(['SEARCH patients USING INTEGER PRIMARY KEY (rowid=?)']);
    // The head is read from the end of the sequence's own b-tree: SQLite calls it a scan, it stops at one row.
    expect(auditSql.last).toMatch(/ORDER BY seq DESC LIMIT 1$/);
    expect(plan(auditSql.last)).toEqual(['SCAN audit_log']);
    expect(host.db.sql.prepare(`EXPLAIN ${auditSql.last}`).all().some((op) => (op as { opcode: string }).opcode === 'Last')).toBe(true);
  });
});
