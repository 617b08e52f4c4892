// Timing helpers: the command and its hand-written counterpart run in turns, so both see the same machine.

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
}

/**
 * Runs `app` and `raw` `iterations` times each, alternating which goes first, after `warmup` untimed
 * rounds. `i` lets both sides work on the same input in a round.
 */
export async function interleaved(
  iterations: number,
  warmup: number,
  app: (i: number) => Promise<unknown> | unknown,
  raw: (i: number) => unknown,
): Promise<Pair> {
  const a: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < warmup; i++) {
    await app(i);
    raw(i);
  }
  for (let i = 0; i < iterations; i++) {
    const k = warmup + i;
    if (i % 2 === 0) {
      a.push(await time(() => app(k)));
      r.push(await time(() => raw(k)));
    } else {
      r.push(await time(() => raw(k)));
      a.push(await time(() => app(k)));
    }
  }
  return { app: summarise(a), raw: summarise(r) };
}

export async function time(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export const round = (ms: number, digits = 3): number => Number(ms.toFixed(digits));
