import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt with N=2^17, r=8, p=1 by default; the parameters are stored with each hash so they can change.
export const DEFAULT_SCRYPT_LOG_N = 17;
const KEY_LENGTH = 64;

// One derivation at a time: each holds 128 MB (N=2^17, r=8) while it runs, so a morning's sign-ins
// arriving together would otherwise add 128 MB each to the host's memory. The others wait their turn.
let queue: Promise<unknown> = Promise.resolve();
let inFlight = 0;
/** How many derivations are running now (at most one). */
export const derivationsRunning = (): number => inFlight;

const derive = (password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> => {
  const run = queue.then(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        const N = 2 ** logN;
        inFlight++;
        try {
          scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 }, (err, key) => {
            inFlight--;
            if (err) reject(err);
            else resolve(key);
          });
        } catch (e) {
          inFlight--; // parameters scrypt refuses outright
          reject(e as Error);
        }
      }),
  );
  queue = run.catch(() => undefined);
  return run;
};

export const hashPassword = async (password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, logN, 8, 1);
  return ['scrypt', logN, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(logN), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/** A hash to verify against when the username does not exist, so timing does not reveal it. */
export const decoyHash = (logN: number): string =>
  ['scrypt', logN, 8, 1, Buffer.alloc(16).toString('base64'), Buffer.alloc(KEY_LENGTH).toString('base64')].join('$');
