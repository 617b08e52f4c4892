import { randomBytes } from 'node:crypto';

export interface SessionOptions {
  /** A sign-in lasts at most this long (default 12 hours: one clinic day). */
  maxAgeMs?: number;
  /** A sign-in unused for this long ends (default 60 minutes). */
  idleMs?: number;
}

interface Session {
  userId: number;
  expiresAt: number;
  lastUsedAt: number;
}

/** Sign-ins held by the host, never by the renderer's say-so: a token maps to a user id. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly maxAgeMs: number;
  private readonly idleMs: number;

  constructor(options: SessionOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 12 * 60 * 60 * 1000;
    this.idleMs = options.idleMs ?? 60 * 60 * 1000;
  }

  open(userId: number, now: number): { token: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.maxAgeMs;
    this.sessions.set(token, { userId, expiresAt, lastUsedAt: now });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The user behind a token, or null when it is unknown, expired or idle too long. */
  resolve(token: string | null | undefined, now: number): number | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (now >= s.expiresAt || now - s.lastUsedAt >= this.idleMs) {
      this.sessions.delete(token);
      return null;
    }
    s.lastUsedAt = now;
    return s.userId;
  }

  close(token: string | null | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every sign-in of a user (deactivated, password changed). */
  closeAllFor(userId: number): void {
    for (const [token, s] of this.sessions) if (s.userId === userId) this.sessions.delete(token);
  }
}
