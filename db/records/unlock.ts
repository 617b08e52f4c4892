import { ClinicError } from '../errors';
import { decoyHash, verifyPassword } from '../passwords';
import { handlers, withPrepare } from './registry';
import { findUserByUsername } from './users';

export const unlockHandlers = handlers({
  'auth.verifyPassword': withPrepare<'auth.verifyPassword', { id: number; name: string; role: 'admin' | 'practitioner' | 'front_desk' } | null>(
    async (p, input) => {
      const row = findUserByUsername(p, input.username);
      // Verify against a decoy when the account is missing, so the answer takes as long either way.
      const ok = await verifyPassword(input.password, row?.passwordHash ?? decoyHash(p.host.scryptLogN));
      return row && row.active && ok ? { id: row.id, name: row.name, role: row.role } : null;
    },
    (ctx, input, user) => {
      if (!user) {
        // Not `unauthenticated`: a wrong guess on the tablet must not end the sign-in underneath it.
        const message = 'Wrong username or password';
        throw new ClinicError('invalid_input', message, { issues: [{ path: 'password', message }] }, { action: 'auth.verify_failed', entity: 'user', entityId: input.username });
      }
      ctx.audit({ action: 'auth.verifyPassword', entity: 'user', entityId: user.id, change: { signedInUserId: ctx.user?.id ?? null } });
      return { user };
    },
  ),
});
