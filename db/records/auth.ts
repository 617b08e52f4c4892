import { count, eq } from 'drizzle-orm';
import { ClinicError } from '../errors';
import { decoyHash, hashPassword, verifyPassword } from '../passwords';
import { settings, users } from '../schema';
import { seedClinicDefaults } from './defaults';
import { signInWaitMs, waitInWords } from './sign-in-throttle';
import { findUserByUsername, toUser } from './users';
import type { Ctx } from './context';
import { handlers, withPrepare } from './registry';

const clinicNameOf = (ctx: Pick<Ctx, 'orm'>): string | null => {
  const row = ctx.orm.select().from(settings).where(eq(settings.key, 'clinic.name')).get();
  return typeof row?.value === 'string' ? row.value : null;
};

const hasUsers = (ctx: Pick<Ctx, 'orm'>): boolean => (ctx.orm.select({ n: count() }).from(users).get()?.n ?? 0) > 0;

const wrongLogin = (username: string) =>
  new ClinicError('unauthenticated', 'Wrong username or password', undefined, {
    action: 'auth.login_failed',
    entity: 'user',
    entityId: username,
  });

const throttled = (username: string, waitMs: number) =>
  new ClinicError(
    'unauthenticated',
    `Too many wrong passwords for ${username}. Wait ${waitInWords(waitMs)} before trying again, or ask an admin to check the account.`,
    { reason: 'throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) },
    { action: 'auth.login_throttled', entity: 'user', entityId: username },
  );

export const authHandlers = handlers({
  'auth.status': (ctx) => {
    const records = ctx.host.records?.();
    return {
      needsSetup: !hasUsers(ctx),
      clinicName: clinicNameOf(ctx),
      ...(records?.state === 'checking' && { checking: true as const }),
      ...(records?.state === 'damaged' && { damage: records.message }),
    };
  },

  'auth.setup': withPrepare<'auth.setup', string>(
    (p, input) => hashPassword(input.password, p.host.scryptLogN),
    (ctx, input, hash) => {
      if (hasUsers(ctx)) throw new ClinicError('conflict', 'Skinchart is already set up; sign in instead');
      ctx.orm.insert(settings).values({ key: 'clinic.name', value: input.clinicName }).run();
      const row = ctx.orm
        .insert(users)
        .values({ name: input.adminName, username: input.username, passwordHash: hash, role: 'admin', createdAt: ctx.nowIso, updatedAt: ctx.nowIso })
        .returning()
        .get();
      ctx.audit({ action: 'auth.setup', entity: 'user', entityId: row.id, userId: row.id, change: { ...input, password: undefined } });
      seedClinicDefaults({ ...ctx, user: { id: row.id, name: row.name, username: row.username, role: row.role } });
      return { userId: row.id };
    },
  ),

  'auth.login': withPrepare<'auth.login', number | null>(
    async (p, input) => {
      const row = findUserByUsername(p, input.username);
      const wait = signInWaitMs(p.sql, input.username, row?.id ?? null, p.host.clock?.() ?? new Date());
      if (wait > 0) throw throttled(input.username, wait);
      // Verify against a decoy when the account is missing, so the answer takes as long either way.
      const okPassword = await verifyPassword(input.password, row?.passwordHash ?? decoyHash(p.host.scryptLogN));
      return row && row.active && okPassword ? row.id : null;
    },
    (ctx, input, userId) => {
      const row = userId === null ? undefined : ctx.orm.select().from(users).where(eq(users.id, userId)).get();
      if (!row || !row.active) throw wrongLogin(input.username);
      const { token, expiresAt } = ctx.session.signIn(row.id);
      ctx.audit({ action: 'auth.login', entity: 'user', entityId: row.id, userId: row.id });
      return { token, expiresAt, user: toUser(row) };
    },
  ),

  'auth.logout': (ctx) => {
    ctx.session.signOut();
    ctx.audit({ action: 'auth.logout', entity: 'user', entityId: ctx.user?.id ?? null });
    return { ok: true as const };
  },

  'auth.me': (ctx) => {
    const row = ctx.orm.select().from(users).where(eq(users.id, ctx.user!.id)).get();
    if (!row) throw new ClinicError('unauthenticated', 'Please sign in again');
    return { user: toUser(row) };
  },
});
