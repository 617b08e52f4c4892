import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq, sql as dsql } from 'drizzle-orm';
import type { ConsentTemplate } from '../api/consents';
import { treatmentTypes, type TreatmentType } from '../api/fields';
import { ClinicError, notFound } from '../errors';
import { sha256Hex } from '../hash';
import { parseTemplateFile, placeholderProblems } from '../rules/consent-text';
import { consentTemplates, users } from '../schema';
import type { Ctx } from './context';

type TemplateRow = typeof consentTemplates.$inferSelect;

/** The newest published version number for a treatment type (0 when none). */
export const latestVersionOf = (ctx: Pick<Ctx, 'orm'>, treatmentType: string): number =>
  ctx.orm
    .select({ v: dsql<number | null>`max(${consentTemplates.version})` })
    .from(consentTemplates)
    .where(eq(consentTemplates.treatmentType, treatmentType))
    .get()?.v ?? 0;

export const toTemplate = (r: TemplateRow, publishedByName: string | null, latest: number): ConsentTemplate => ({
  id: r.id,
  treatmentType: r.treatmentType as TreatmentType,
  version: r.version,
  title: r.title,
  body: r.body,
  publishedAt: r.publishedAt,
  publishedBy: r.publishedBy,
  publishedByName,
  current: r.version === latest,
});

const withPublisher = (ctx: Pick<Ctx, 'orm'>) =>
  ctx.orm
    .select({ t: consentTemplates, name: users.name })
    .from(consentTemplates)
    .leftJoin(users, eq(users.id, consentTemplates.publishedBy));

/** One template by id, or `not_found`. */
export function loadTemplate(ctx: Pick<Ctx, 'orm'>, id: number): ConsentTemplate {
  const row = withPublisher(ctx).where(eq(consentTemplates.id, id)).get();
  if (!row) throw notFound('consent template', id);
  return toTemplate(row.t, row.name, latestVersionOf(ctx, row.t.treatmentType));
}

/** Current versions (one per treatment type), or every version when `history` is asked for. */
export function listTemplates(ctx: Pick<Ctx, 'orm'>, treatmentType: TreatmentType | undefined, history: boolean): ConsentTemplate[] {
  const rows = withPublisher(ctx)
    .where(treatmentType ? eq(consentTemplates.treatmentType, treatmentType) : undefined)
    .orderBy(consentTemplates.treatmentType, desc(consentTemplates.version))
    .all();
  const latest = new Map<string, number>();
  for (const r of rows) if (!latest.has(r.t.treatmentType)) latest.set(r.t.treatmentType, r.t.version);
  const order = (t: string) => treatmentTypes.indexOf(t as TreatmentType);
  return rows
    .map((r) => toTemplate(r.t, r.name, latest.get(r.t.treatmentType) ?? 0))
    .filter((t) => history || t.current)
    .sort((a, b) => order(a.treatmentType) - order(b.treatmentType) || b.version - a.version);
}

/** Publishes version N+1 for a treatment type. Published versions are never edited. */
export function publishTemplate(ctx: Ctx, input: { treatmentType: TreatmentType; title: string; body: string }): ConsentTemplate {
  const latest = latestVersionOf(ctx, input.treatmentType);
  if (latest > 0) {
    const current = ctx.orm
      .select()
      .from(consentTemplates)
      .where(and(eq(consentTemplates.treatmentType, input.treatmentType), eq(consentTemplates.version, latest)))
      .get();
    if (current && current.title === input.title && current.body === input.body) {
      // A new version asks every patient to sign again; an unchanged one would do that for nothing.
      throw new ClinicError('conflict', `body: is the same as version ${latest}; change the wording before publishing`, {
        issues: [{ path: 'body', message: `is the same as version ${latest}` }],
      });
    }
  }
  const row = ctx.orm
    .insert(consentTemplates)
    .values({ ...input, version: latest + 1, publishedAt: ctx.nowIso, publishedBy: ctx.user?.id ?? null })
    .returning()
    .get();
  ctx.audit({
    action: 'consents.templates.publish',
    entity: 'consent_template',
    entityId: row.id,
    // At first-run setup nobody is signed in yet; the new admin publishes the defaults.
    userId: ctx.user?.id ?? null,
    change: { treatmentType: input.treatmentType, version: row.version, title: input.title, bodySha256: sha256Hex(input.body) },
  });
  return toTemplate(row, ctx.user?.name ?? null, row.version);
}

/** Reads the shipped wording for one treatment type: resources/consents/<type>.md. */
export function defaultTemplateFor(resourcesDir: string, treatmentType: TreatmentType): { title: string; body: string } {
  const parsed = parseTemplateFile(readFileSync(join(resourcesDir, 'consents', `${treatmentType}.md`), 'utf8'));
  const problems = placeholderProblems(parsed.body);
  if (problems.length) throw new Error(`resources/consents/${treatmentType}.md: ${problems.join('; ')}`);
  return parsed;
}

/** First-run setup: version 1 of every treatment type's consent, in our own words. */
export function seedDefaultConsentTemplates(ctx: Ctx): void {
  for (const type of treatmentTypes) {
    if (latestVersionOf(ctx, type) > 0) continue;
    publishTemplate(ctx, { treatmentType: type, ...defaultTemplateFor(ctx.host.resourcesDir, type) });
  }
}
