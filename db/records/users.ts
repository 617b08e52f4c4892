import { and, asc, eq, ne, sql as dsql } from 'drizzle-orm';
import type { User } from '../api/auth';
import { ClinicError, fieldError, notFound, staleVersion } from '../errors';
import { hashPassword } from '../passwords';
import { users } from '../schema';
import type { Ctx, PrepareCtx } from './context';
import { handlers, withPrepare } from './registry';

type UserRow = typeof users.$inferSelect;

export const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  username: r.username,
  role: r.role,
  active: r.active,
  version: r.version,
});

export const findUserByUsername = (ctx: Pick<Ctx, 'orm'>, username: string): UserRow | undefined =>
  ctx.orm.select().from(users).where(eq(users.username, username)).get();

const hashIfGiven = async (p: PrepareCtx, input: { password?: string | undefined }) =>
  input.password === undefined ? undefined : hashPassword(input.password, p.host.scryptLogN);

const activeAdminsOtherThan = (ctx: Ctx, id: number): number =>
  ctx.orm
    .select({ n: dsql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, id)))
    .get()?.n ?? 0;

export const userHandlers = handlers({
  'users.create': withPrepare<'users.create', string | undefined>(hashIfGiven, (ctx, input, hash) => {
    if (findUserByUsername(ctx, input.username)) throw fieldError('username', 'is already taken');
    const row = ctx.orm
      .insert(users)
      .values({
        name: input.name,
        username: input.username,
        passwordHash: hash!,
        role: input.role,
        createdAt: ctx.nowIso,
        updatedAt: ctx.nowIso,
      })
      .returning()
      .get();
    ctx.audit({ action: 'users.create', entity: 'user', entityId: row.id, change: { ...input, password: undefined } });
    return toUser(row);
  }),
  'users.list': (ctx) => ({ items: ctx.orm.select().from(users).orderBy(asc(users.name)).all().map(toUser) }),
  'users.update': withPrepare<'users.update', string | undefined>(hashIfGiven, (ctx, input, hash) => {
    const current = ctx.orm.select().from(users).where(eq(users.id, input.id)).get();
    if (!current) throw notFound('user', input.id);
    if (current.version !== input.version) throw staleVersion('This staff account');
    const losesAdmin = current.role === 'admin' && current.active && (input.role !== undefined && input.role !== 'admin' || input.active === false);
    if (losesAdmin && activeAdminsOtherThan(ctx, current.id) === 0) {
      throw new ClinicError('conflict', 'The clinic must keep at least one active admin', { field: input.active === false ? 'active' : 'role' });
    }
    const row = ctx.orm
      .update(users)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.active !== undefined && { active: input.active }),
        ...(hash !== undefined && { passwordHash: hash }),
        updatedAt: ctx.nowIso,
        version: current.version + 1,
      })
      .where(and(eq(users.id, input.id), eq(users.version, input.version)))
      .returning()
      .get();
    if (!row) throw staleVersion('This staff account');
    ctx.audit({ action: 'users.update', entity: 'user', entityId: row.id, change: { ...input, password: input.password ? '(changed)' : undefined } });
    return toUser(row);
  }),
});
