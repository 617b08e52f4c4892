import { describe, expect, it } from 'vitest';
import { derivationsRunning, hashPassword, verifyPassword } from '../../db/passwords';

describe('password hashing, one at a time', () => {
  it('answers sign-ins that arrive together, each correctly, never two derivations at once', async () => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, derivationsRunning())), 0);
    const hashes = await Promise.all(['first password', 'second password', 'third password'].map((p) => hashPassword(p, 10)));
    const verdicts = await Promise.all([
      verifyPassword('first password', hashes[0]!),
      verifyPassword('second password', hashes[1]!),
      verifyPassword('wrong password', hashes[2]!),
      verifyPassword('third password', hashes[2]!),
    ]);
    clearInterval(watch);
    expect(verdicts).toEqual([true, true, false, true]);
    expect(most).toBe(1);
    expect(derivationsRunning()).toBe(0);
  });

  it('a failed derivation does not block the next one', async () => {
    await expect(verifyPassword('x', 'scrypt$99$8$1$AAAA$AAAA')).rejects.toThrow();
    expect(derivationsRunning()).toBe(0);
    expect(await verifyPassword('after', await hashPassword('after', 10))).toBe(true);
  });
});
