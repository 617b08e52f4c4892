import fc from 'fast-check';
import type { Command } from '../../../db/api/command';

// Adversarial request bodies for any command, built from nothing but its input schema's field
// names, so a command added to the contract later is attacked the same way without a line here.

/** A JSON object kept as ordered entries, so keys like `__proto__` reach the wire as written. */
export class JsonObject {
  constructor(readonly entries: [string, Json][]) {}
}
export type Json = null | boolean | number | string | Json[] | JsonObject;

/** JSON text; lone surrogates come out as \\uD800-style escapes, NaN and Infinity as null. */
export const jsonText = (v: Json): string => {
  if (v instanceof JsonObject) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return JSON.stringify(v) ?? 'null';
};

export const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isAdmin', 'role', 'userId'];

const huge = ['a'.repeat(100_001), 'é'.repeat(40_000), '<b>'.repeat(20_000), '\u0000'.repeat(10_000), '👩🏽‍⚕️'.repeat(5_000)];

export const nastyStrings = [
  // SQL
  "'; DROP TABLE patients; --",
  "Robert'); DELETE FROM audit_log; --",
  '" OR ""="',
  "1' OR '1'='1",
  "' UNION SELECT password_hash FROM users --",
  '%',
  '_',
  '\\',
  '%_%\\',
  '*',
  'NEAR(a b)',
  // HTML and script
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  // Unicode in its awkward forms
  '\u0000',
  'Ann\u0000a',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\u200b\u200d\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z̴̡̪̫͖̥̔̓̍a̵̡̛̗̺̘̿l̷̼̬̈́g̴̣̈o̷̧͉͘',
  '👩🏽‍⚕️👨‍👩‍👧‍👦🏳️‍🌈',
  '\ud800',
  'a\udfffb',
  '\udbff\udbff',
  '\uffff\ufffe',
  'İıſﬁß',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'مرحبا שלום',
  '１２３４５６',
  '٠١٢٣٤٥٦٧٨٩',
  ' ',
  '\t\r\n',
  '',
  // Look-alikes of valid values
  'SC-000001',
  'sc-1',
  '2026-02-29',
  '2026-02-31',
  '1990-13-01',
  '0000-01-01',
  '9999-12-31',
  '2026-02-31T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-01-01T00:00:00+99:99',
  '0000-01-01T00:00:00-23:59',
  '9999-12-31T23:59:59+14:00',
  '+275760-09-13T00:00:00Z',
  'a@b',
  'a@b.c',
  '"quoted"@example.com',
  '+0000',
  '++44 (0) 20',
  'admin',
  'front_desk',
  'true',
  'null',
  '[]',
  '{}',
  ...prototypeKeys,
];

const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, 2, 6, 7, 0.5, 1.5, 2 ** 31, 2 ** 53 - 1, 2 ** 53 + 2, 1e21, -1e21, Number.MAX_VALUE, 5e-324),
);

/** Text of every awkward kind: SQL, HTML, unicode edge cases, look-alikes, sizes around the limits. */
export const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}y`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(99, 100, 101, 120, 200, 201, 300, 301, 4000, 4001), fc.constantFrom('a', 'é', '👩', '<', ' ')).map(([n, c]) => c.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(...huge) },
);

const keyOf = (known: string[]) =>
  fc.oneof(
    { weight: known.length ? 6 : 0, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant('') },
    { weight: 2, arbitrary: fc.constantFrom(...prototypeKeys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: hostileText },
  );

/** Any JSON value, with the command's own field names favoured as object keys. */
export const jsonValue = (known: string[]): fc.Arbitrary<Json> =>
  fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      numbers,
      hostileText,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.tuple(keyOf(known), tie('value')), { maxLength: 4 }).map((entries) => new JsonObject(entries)),
    ),
  })).value;

/** Nesting far deeper than any form sends. */
const deep = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export const rawBodies: (string | Buffer)[] = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '{',
  '{"a":',
  '}{',
  '{"a":1}{"b":2}',
  '\ufeff{}',
  'NaN',
  'Infinity',
  '{"limit":1e400}',
  '{"id":-0}',
  "{'single':'quotes'}",
  '{"__proto__":{"role":"admin","isAdmin":true}}',
  '{"constructor":{"prototype":{"role":"admin"}}}',
  '{"__proto__":null}',
  deep(20_000, 'array'),
  deep(20_000, 'object'),
  `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // {"a":"<invalid UTF-8>"}
];

/** Who sends a request: a role's fresh sign-in, nobody, or a token that means nothing. */
export type Sender = 'admin' | 'practitioner' | 'front_desk' | 'nobody' | 'forged';

/** One request, before it is turned into bytes (samples need the database's current state). */
export type Plan =
  | { kind: 'raw'; body: string | Buffer }
  | { kind: 'value'; value: Json }
  | { kind: 'sample'; replace: number; value: Json; extra: [string, Json] | null }
  | { kind: 'texts'; texts: string[] };

export interface Request {
  as: Sender;
  plan: Plan;
}

const fieldsOf = (command: Command): string[] => {
  const shape = (command.input as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
};

export function requestFor(command: Command, hasSample: boolean): fc.Arbitrary<Request> {
  const known = fieldsOf(command);
  const plans: fc.Arbitrary<Plan>[] = [
    fc.constantFrom(...rawBodies).map((body): Plan => ({ kind: 'raw', body })),
    jsonValue(known).map((value): Plan => ({ kind: 'value', value })),
    // An object with the command's fields (and others), each holding anything at all.
    fc.array(fc.tuple(keyOf(known), jsonValue(known)), { maxLength: known.length + 2 }).map((entries): Plan => ({ kind: 'value', value: new JsonObject(entries) })),
  ];
  if (hasSample) {
    // A valid input with one field swapped (mostly for text, so many of these are accepted)…
    const swapped = fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: numbers }, { weight: 1, arbitrary: jsonValue(known) });
    plans.push(
      fc
        .tuple(fc.nat(), swapped, fc.option(fc.tuple(keyOf(known), jsonValue(known)), { freq: 4 }))
        .map(([replace, value, extra]): Plan => ({ kind: 'sample', replace, value, extra })),
    );
    // …or with every text field replaced by hostile text.
    plans.push(fc.array(hostileText, { minLength: 12, maxLength: 12 }).map((texts): Plan => ({ kind: 'texts', texts })));
  }
  return fc.record({
    as: fc.constantFrom<Sender>('admin', 'admin', 'admin', 'practitioner', 'front_desk', 'nobody', 'forged'),
    plan: fc.oneof({ weight: 1, arbitrary: plans[0]! }, ...plans.slice(1).map((arbitrary) => ({ weight: 3, arbitrary }))),
  });
}

/** The bytes of a request: a valid sample with one field swapped for something hostile, or the plan as it is. */
export function bodyOf(plan: Plan, sample: Record<string, Json> | null): string | Buffer {
  switch (plan.kind) {
    case 'raw':
      return plan.body;
    case 'value':
      return jsonText(plan.value);
    case 'sample': {
      const entries = Object.entries(sample ?? {});
      if (entries.length) entries[plan.replace % entries.length]![1] = plan.value;
      if (plan.extra) entries.push(plan.extra);
      return jsonText(new JsonObject(entries));
    }
    case 'texts': {
      let i = 0;
      const entries = Object.entries(sample ?? {}).map(([k, v]): [string, Json] => [k, typeof v === 'string' ? plan.texts[i++ % plan.texts.length]! : v]);
      return jsonText(new JsonObject(entries));
    }
  }
}
