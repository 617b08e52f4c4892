/** Deeper than any form sends; a bound before anything walks the input. */
export const MAX_INPUT_DEPTH = 32;
export const TOO_DEEP: unique symbol = Symbol('too deep');

const LONE_SURROGATE = /\p{Cs}/gu;

// ES2024's String#isWellFormed (Node 20 has it): false exactly when a lone surrogate is present.
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();
const mended = (s: string): string => (wellFormed(s) ? s : s.replace(LONE_SURROGATE, '\uFFFD'));

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** What a walk of the input found: nothing to mend, something to mend, or too deep to walk. */
const CLEAN = 0;
const MEND = 1;
const DEEP = 2;

/** Looks without copying: almost every input is already well formed, and copying it cost more than checking. */
function inspect(value: unknown, depth: number): typeof CLEAN | typeof MEND | typeof DEEP {
  if (typeof value === 'string') return wellFormed(value) ? CLEAN : MEND;
  if (value === null || typeof value !== 'object') return CLEAN;
  if (depth >= MAX_INPUT_DEPTH) return DEEP;
  let found: typeof CLEAN | typeof MEND = CLEAN;
  if (Array.isArray(value)) {
    for (const item of value) {
      const r = inspect(item, depth + 1);
      if (r === DEEP) return DEEP;
      if (r === MEND) found = MEND;
    }
    return found;
  }
  if (!isPlain(value)) return CLEAN;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const r = inspect((value as Record<string, unknown>)[key], depth + 1);
    if (r === DEEP) return DEEP;
    if (r === MEND || !wellFormed(key)) found = MEND;
  }
  return found;
}

/** The copy, once a lone surrogate was found somewhere (depth was checked by `inspect`). */
function mendedCopy(value: unknown): unknown {
  if (typeof value === 'string') return mended(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(mendedCopy);
  if (!isPlain(value)) return value;
  // Keys are copied as own properties, so `__proto__` stays a key the schema refuses, never a prototype.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [mended(key), mendedCopy(item)]));
}

/**
 * Input as the records can keep it. A lone UTF-16 surrogate (a JSON escape such as \uD800, or a
 * JavaScript string) has no UTF-8 form: SQLite would store invalid bytes and give back other
 * text. It becomes U+FFFD, in keys and values alike. Input nested deeper than MAX_INPUT_DEPTH is
 * refused before any schema walks it. Well-formed input (nearly all of it) is returned as it is.
 */
export function wellFormedInput(value: unknown): unknown {
  switch (inspect(value, 0)) {
    case CLEAN:
      return value;
    case MEND:
      return mendedCopy(value);
    case DEEP:
      return TOO_DEEP;
  }
}
