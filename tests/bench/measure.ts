// Timing: the command and its hand-written counterpart run in turns, so both see the same machine.
// Each call is timed twice: by the wall clock (what the user waits) and by the CPU time the process used
// (what the code costs, which a busy machine cannot inflate by making the process wait for a core).

export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
};

export interface Timings {
  p50: number;
  p95: number;
  samples: number;
}

export const summarise = (ms: number[]): Timings => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples: sorted.length };
};

export interface Pair {
  app: Timings;
  raw: Timings;
  /** app p95 / raw p95 (wall clock): the median over rounds when there are several. */
  ratio: number;
  /** The same from CPU time. */
  appCpu: Timings;
  rawCpu: Timings;
  cpuRatio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** One call: its wall-clock and CPU milliseconds. */
export async function timeBoth(fn: () => unknown): Promise<[number, number, unknown]> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  return [wall, (cpu.user + cpu.system) / 1000, value];
}

export async function time(fn: () => unknown): Promise<number> {
  return (await timeBoth(fn))[0];
}

/**
 * Runs `app` and `raw` `iterations` times each, alternating which goes first, after `warmup` untimed
 * rounds. Each call gets its own input index (app even, raw odd): had both sides read the same rows in
 * a round, whichever went second would find them already in the page cache. `accept` checks each app
 * answer outside the timing (so checking costs neither side).
 */
export async function interleaved(
  iterations: number,
  warmup: number,
  app: (i: number) => Promise<unknown> | unknown,
  raw: (i: number) => unknown,
  accept: (value: unknown) => void = () => undefined,
): Promise<Pair> {
  const a: number[] = [];
  const r: number[] = [];
  const ac: number[] = [];
  const rc: number[] = [];
  const one = async (fn: () => unknown, wall: number[], cpu: number[]) => {
    const [w, c, value] = await timeBoth(fn);
    wall.push(w);
    cpu.push(c);
    return value;
  };
  for (let i = 0; i < warmup; i++) {
    accept(await app(2 * i));
    raw(2 * i + 1);
  }
  for (let i = 0; i < iterations; i++) {
    const k = warmup + i;
    if (i % 2 === 0) {
      accept(await one(() => app(2 * k), a, ac));
      await one(() => raw(2 * k + 1), r, rc);
    } else {
      await one(() => raw(2 * k + 1), r, rc);
      accept(await one(() => app(2 * k), a, ac));
    }
  }
  const [app_, raw_, appCpu, rawCpu] = [a, r, ac, rc].map(summarise) as [Timings, Timings, Timings, Timings];
  return { app: app_, raw: raw_, ratio: app_.p95 / raw_.p95, appCpu, rawCpu, cpuRatio: appCpu.p95 / rawCpu.p95 };
}

/**
 * `rounds` rounds of `interleaved`, each with its own percentiles; the result is the median round.
 * A burst of work from another program on a shared machine then spoils one round, not the figure.
 */
export async function inRounds(
  rounds: number,
  iterations: number,
  warmup: number,
  app: (i: number) => Promise<unknown> | unknown,
  raw: (i: number) => unknown,
  accept?: (value: unknown) => void,
): Promise<Pair> {
  const each: Pair[] = [];
  for (let r = 0; r < rounds; r++) {
    const offset = 2 * r * (iterations + warmup);
    each.push(await interleaved(iterations, warmup, (i) => app(offset + i), (i) => raw(offset + i), accept));
  }
  const pick = (side: 'app' | 'raw' | 'appCpu' | 'rawCpu'): Timings => ({
    p50: median(each.map((p) => p[side].p50)),
    p95: median(each.map((p) => p[side].p95)),
    samples: each.reduce((n, p) => n + p[side].samples, 0),
  });
  return {
    app: pick('app'),
    raw: pick('raw'),
    ratio: median(each.map((p) => p.ratio)),
    appCpu: pick('appCpu'),
    rawCpu: pick('rawCpu'),
    cpuRatio: median(each.map((p) => p.cpuRatio)),
  };
}

export const round = (ms: number, digits = 3): number => Number(ms.toFixed(digits));
