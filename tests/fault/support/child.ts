import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export { faultSeed, seededRandom } from './random';

export const repoRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const migrationsFolder = join(repoRoot, 'db/migrations');
export const resourcesDir = join(repoRoot, 'resources');

/**
 * Bundles a child script (and the real host it imports) into one file, once per test file.
 * Starting a child through tsx costs about 0.8 s; a bundle starts in about 0.15 s, which is what
 * lets a test kill a hundred of them. The bundle lives inside the repository so the native SQLite
 * driver, left out of it, still resolves from node_modules.
 */
export async function bundleChild(entry: string): Promise<{ file: string; remove(): void }> {
  const outDir = join(repoRoot, '.tmp', `fault-${basename(entry, '.ts')}-${process.pid}-${Date.now()}`);
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      ssr: join(repoRoot, entry),
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'esm', entryFileNames: '[name].mjs' } },
    },
    ssr: { noExternal: true, external: ['better-sqlite3-multiple-ciphers'] },
  });
  return { file: join(outDir, `${basename(entry, '.ts')}.mjs`), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface RunningChild {
  process: ChildProcess;
  /** Every complete line the child printed so far. */
  lines: string[];
  stderr(): string;
  /** Resolves when a line matching `pattern` appears; rejects when the child exits first. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves once the child has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a bundled child with its options as one JSON argument. */
export function startChild(file: string, options: unknown): RunningChild {
  const child = spawn(process.execPath, [file, JSON.stringify(options)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SKINCHART_LOG: 'error' },
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve(line: string): void; reject(e: Error): void }[] = [];
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    partial += chunk;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => (err += c));
  // 'close' waits for stdout to drain, so every line written before the kill has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code ?? signal}) before printing ${w.pattern}:\n${err}`));
      done({ code, signal });
    }),
  );
  return {
    process: child,
    lines,
    stderr: () => err,
    waitFor: (pattern) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`child already exited:\n${err}`));
      return new Promise((res, rej) => waiters.push({ pattern, resolve: res, reject: rej }));
    },
    exited,
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
