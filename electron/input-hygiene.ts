/** Deeper than any form sends; a bound before anything walks the input. */
export const MAX_INPUT_DEPTH = 32;
export const TOO_DEEP: unique symbol = Symbol('too deep');

const LONE_SURROGATE = /\p{Cs}/gu;

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Input as the records can keep it. A lone UTF-16 surrogate (a JSON escape such as \uD800, or a
 * JavaScript string) has no UTF-8 form: SQLite would store invalid bytes and give back other
 * text. It becomes U+FFFD, in keys and values alike. Keys are copied as own properties, so
 * `__proto__` stays a key the schema refuses, never a prototype.
 */
export function wellFormedInput(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_INPUT_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const clean = wellFormedInput(item, depth + 1);
      if (clean === TOO_DEEP) return TOO_DEEP;
      out.push(clean);
    }
    return out;
  }
  if (!isPlain(value)) return value;
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    const clean = wellFormedInput(item, depth + 1);
    if (clean === TOO_DEEP) return TOO_DEEP;
    entries.push([key.replace(LONE_SURROGATE, '\uFFFD'), clean]);
  }
  return Object.fromEntries(entries);
}
