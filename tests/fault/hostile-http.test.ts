import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startServer, type RunningServer } from '../support/server';

// The web host's own edges, before any command runs: addresses, methods, headers and body sizes
// from a hostile client, against the real `npm run serve` process. It must answer, never stop.

let server: RunningServer;
let port: number;
let token: string;

beforeAll(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
  await api(server.url, 'auth.setup', { clinicName: 'Edge Clinic', adminName: 'Ada Admin', username: 'ada', password: 'admin password 1' });
  const login = await api<{ token: string }>(server.url, 'auth.login', { username: 'ada', password: 'admin password 1' });
  token = login.body.ok ? login.body.value.token : '';
}, 60_000);
afterAll(() => server?.stop());

/** Sends raw bytes and returns the status code of the answer (0 when the connection was simply closed). */
function rawRequest(bytes: string | Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (answer += c));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(0) : reject(e)));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.end(bytes);
  });
}

const stillServing = async () => {
  const status = await api(server.url, 'auth.status', {});
  expect(status.status).toBe(200);
};

const pathPart = fc.oneof(
  fc.webPath(),
  fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5c..%5cwindows', '//x:99999', '//[::1', '/\\\\evil', '/api/', '/api/..', '/api/auth.status/', '/api/a%00b', '/api/__proto__', '/api/constructor'),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((s) => `/${encodeURIComponent(s)}`),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => `/${s}`),
);

describe('the web host at its edges', () => {
  it('answers any address and method without stopping, and never with a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'BREW'),
        fc.array(pathPart, { minLength: 1, maxLength: 3 }),
        async (method, parts) => {
          const target = parts.join('').replace(/[\r\n ]/g, '') || '/';
          const status = await rawRequest(Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`, 'utf8'));
          expect(status).not.toBe(500);
        },
      ),
      { numRuns: 150 },
    );
    await stillServing();
  });

  it('refuses a body over 16 MB with 413 and keeps serving', async () => {
    const res = await fetch(`${server.url}api/patients.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: `{"notes":"${'x'.repeat(17 * 1024 * 1024)}"}`,
    }).catch(() => null);
    // The host may close the connection as soon as it has refused; either way nothing was saved.
    if (res) expect(res.status).toBe(413);
    await stillServing();
    const found = await api<{ items: unknown[] }>(server.url, 'patients.search', { query: 'x' }, token);
    expect(found.body.ok && found.body.value.items).toEqual([]);
  });

  it('treats any odd Authorization header as not signed in', async () => {
    for (const header of ['Bearer', 'Bearer ', `Bearer ${'a'.repeat(8_000)}`, `Bearer ${token} extra`, `Basic ${token}`, `bearer ${token}x`, 'Bearer \u00ff\u00fe', `Bearer ${token.slice(0, -1)}`]) {
      const res = await fetch(`${server.url}api/users.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: header }, body: '{}' });
      expect(res.status, header.slice(0, 40)).toBe(401);
    }
    const status = await rawRequest(`POST /api/users.list HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAuthorization: Bearer forged\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect([200, 400, 401]).toContain(status);
    await stillServing();
  });

  it('survives requests cut off half-way and bodies that are not UTF-8', async () => {
    for (const bytes of [
      'POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\n{"username":"ada"',
      'POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      Buffer.concat([Buffer.from('POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 6\r\nConnection: close\r\n\r\n'), Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])]),
      'GARBAGE\r\n\r\n',
      '\u0000\u0001\u0002',
    ]) {
      expect(await rawRequest(bytes)).not.toBe(500);
    }
    await stillServing();
  });
});
