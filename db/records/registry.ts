import type { z } from 'zod';
import { commandsByName, contract, type CommandName, type OutputOf, type ParsedInputOf } from '../api';
import type { Command } from '../api/command';
import type { Ctx, PrepareCtx } from './context';

type Result<N extends CommandName> = z.input<Extract<(typeof contract)[number], { name: N }>['output']>;

export type RunFn<N extends CommandName, P = undefined> = (ctx: Ctx, input: ParsedInputOf<N>, prepared: P) => Result<N>;

/** A command implementation, with an optional async step before its transaction. */
export interface Handler<N extends CommandName, P = unknown> {
  prepare?: (pctx: PrepareCtx, input: ParsedInputOf<N>) => Promise<P>;
  run: RunFn<N, P>;
}

// Each handler's prepared value has its own type; `any` here is the existential "some P", checked by withPrepare.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AreaHandlers<N extends CommandName> = { [K in N]: Handler<K, any> | RunFn<K> };

/** Declares one area's implementations, checked against the contract's types. */
export const handlers = <N extends CommandName>(h: AreaHandlers<N>): AreaHandlers<N> => h;

/** Pairs a prepare step with its run, keeping the prepared value's type. */
export const withPrepare = <N extends CommandName, P>(
  prepare: (pctx: PrepareCtx, input: ParsedInputOf<N>) => Promise<P>,
  run: RunFn<N, P>,
): Handler<N, P> => ({ prepare, run });

export interface Registered {
  command: Command;
  handler: Handler<CommandName, unknown>;
}

/** Joins the contract and the areas' implementations; a name defined twice or left unimplemented is refused. */
export function buildRegistry(areas: Record<string, unknown>[]): ReadonlyMap<string, Registered> {
  const registry = new Map<string, Registered>();
  for (const area of areas) {
    for (const [name, impl] of Object.entries(area)) {
      if (registry.has(name)) throw new Error(`command ${name} is implemented twice`);
      const command = commandsByName.get(name);
      if (!command) throw new Error(`command ${name} is implemented but not in the contract`);
      const handler = (typeof impl === 'function' ? { run: impl } : impl) as Handler<CommandName, unknown>;
      registry.set(name, { command: command as Command, handler });
    }
  }
  const missing = contract.map((c) => c.name).filter((n) => !registry.has(n));
  if (missing.length > 0) throw new Error(`commands without an implementation: ${missing.join(', ')}`);
  return registry;
}

export type { OutputOf };
