import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  restart(): Promise<RunningServer>;
}

/** Starts the real web host (`electron/web.ts`) on a free port over a data folder. */
export async function startServer(dataDir = mkdtempSync(join(tmpdir(), 'skinchart-e2e-')), extraArgs: string[] = []): Promise<RunningServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web.ts', '--data-dir', dataDir, '--port', '0', '--no-open', ...extraArgs],
    { env: { ...process.env, SKINCHART_SCRYPT_LOG_N: '12' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /open at (http:\/\/\S+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, dataDir, stop, restart: async () => (await stop(), startServer(dataDir, extraArgs)) };
}

/** Calls a command over HTTP the way any other tool would. */
export async function api<T = unknown>(url: string, name: string, input: unknown, token?: string) {
  const res = await fetch(`${url}api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } } };
}
