import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { CommandError } from '../client';

/**
 * Checks an input against the contract's schema before sending it, and puts each problem
 * (from the schema or from the records) next to the field it names. Returns a message for
 * problems that belong to no field on the form.
 */
export function showProblems<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly string[]): string | null {
  if (!(error instanceof CommandError)) return error instanceof Error ? error.message : String(error);
  const loose: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (fields.includes(field)) setError(field as Path<T>, { type: 'server', message: sentence(issue.message) });
    else loose.push(`${issue.path}: ${issue.message}`);
  }
  if (error.issues.length === 0) return error.message;
  return loose.length ? loose.join('; ') : null;
}

/** Validates with the contract's own schema; throws the same kind of error the host would. */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new CommandError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

const sentence = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Form text to contract input: trimmed, and blank optional fields left out. */
export const optional = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

/** A comma- or line-separated list typed into one box. */
export const listOf = (v: string | undefined): string[] =>
  (v ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
