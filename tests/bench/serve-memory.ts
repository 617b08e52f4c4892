// The real web host (`electron/web.ts`, as `npm run serve` runs it) over the benchmark clinic, doing the
// benchmark's work over HTTP; its peak resident memory is read from the kernel (VmHWM).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { api } from '../support/server';
import type { GeneratedClinic } from './clinic-generator';
import { summarise, time } from './measure';
import { Random } from './random';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Peak and current resident memory of a process, in MB (Linux); null elsewhere. */
export function memoryOf(pid: number): { peakMb: number; nowMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, nowMb: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** `npm run serve`'s process (without the renderer build) on a free port. */
export async function startServe(dataDir: string, port = 0): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', '--data-dir', dataDir, '--port', String(port), '--no-open'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /open at (http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface ServeMeasure {
  peakRssMb: number | null;
  requests: number;
  httpP50Ms: number;
  httpP95Ms: number;
}

export async function measureServe(
  dataDir: string,
  clinic: GeneratedClinic,
  work: { searches: number; charts: number; verify: boolean; recipients: boolean },
): Promise<ServeMeasure> {
  const server = await startServe(dataDir);
  try {
    const r = new Random('serve');
    const signIn = async (role: string) => {
      const s = clinic.staff.find((x) => x.role === role)!;
      const res = await api<{ token: string }>(server.url, 'auth.login', { username: s.username, password: s.password });
      if (!res.body.ok) throw new Error(res.body.error.message);
      return res.body.value.token;
    };
    const desk = await signIn('front_desk');
    const practitioner = await signIn('practitioner');
    const admin = await signIn('admin');
    let requests = 0;
    const must = async (name: string, input: unknown, token: string) => {
      requests++;
      const res = await api(server.url, name, input, token);
      if (!res.body.ok) throw new Error(`${name}: ${res.body.error.message}`);
    };
    const searchTimes: number[] = [];
    const queries = ['ngu', 'm', 'SC-004211', '+44 7700', 'fern', 'o', 'dub', '1984-05-03'];
    for (let i = 0; i < work.searches; i++) {
      searchTimes.push(await time(() => must('patients.search', { query: queries[i % queries.length]!, limit: 50 }, desk)));
    }
    for (let i = 0; i < work.charts; i++) {
      await must('patients.chart', { patientId: clinic.heavyPatientIds[i % clinic.heavyPatientIds.length]! }, practitioner);
      await must('patients.chart', { patientId: 1 + r.int(clinic.plan.patients) }, practitioner);
    }
    if (work.recipients) for (let i = 0; i < 5; i++) await must('lots.recipients', { lotId: clinic.busyLot.id }, practitioner);
    if (work.verify) await must('audit.verify', {}, admin);
    const pid = server.pid;
    const memory = pid === undefined ? null : memoryOf(pid);
    const t = summarise(searchTimes);
    return { peakRssMb: memory?.peakMb ?? null, requests, httpP50Ms: t.p50, httpP95Ms: t.p95 };
  } finally {
    await server.stop();
  }
}
