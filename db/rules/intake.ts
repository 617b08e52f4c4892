// Intake answers: checked against the questionnaire the patient answered, and turned into safety flags.
import type { FieldIssue } from '../api/envelope';
import { patientFlags, type PatientFlag } from '../api/fields';
import { isScreeningQuestion, type Answers, type Question, type QuestionnaireDefinition } from '../api/intake';

const TEXT_LIMIT: Record<'text' | 'long_text', number> = { text: 500, long_text: 4000 };

export const questionsOf = (def: QuestionnaireDefinition): Question[] => def.sections.flatMap((s) => s.questions);

/** A safety question must always be answered: a missing answer must never read as "no". */
export const isRequired = (q: Question): boolean => q.required === true || isScreeningQuestion(q);

/** Whether a question is asked, given the answers so far. */
export const isAsked = (q: Question, answers: Readonly<Record<string, unknown>>): boolean =>
  !q.showIf || answers[q.showIf.question] === q.showIf.equals;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The one problem with an answer to `q`, or its clean value. */
function checkOne(q: Question, v: unknown): { value: Answers[string] } | { problem: string } {
  const options = q.options?.map((o) => o.value) ?? [];
  switch (q.type) {
    case 'yes_no':
      return typeof v === 'boolean' ? { value: v } : { problem: 'must be yes or no (true or false)' };
    case 'text':
    case 'long_text': {
      if (typeof v !== 'string') return { problem: 'must be text' };
      const t = v.trim();
      return t.length > TEXT_LIMIT[q.type] ? { problem: `must be at most ${TEXT_LIMIT[q.type]} characters` } : { value: t };
    }
    case 'choice':
      return typeof v === 'string' && options.includes(v) ? { value: v } : { problem: `must be one of: ${options.join(', ')}` };
    case 'multi_choice': {
      if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) return { problem: 'must be a list of choices' };
      const unknown = v.filter((x) => !options.includes(x));
      if (unknown.length > 0) return { problem: `must be chosen from: ${options.join(', ')} (not ${unknown.join(', ')})` };
      return { value: options.filter((o) => v.includes(o)) };
    }
  }
}

export interface CheckedAnswers {
  answers: Answers;
  issues: FieldIssue[];
}

/**
 * Checks every answer against its question. Answers to questions not asked (a follow-up whose
 * condition is not met) are dropped; an answer to a question the questionnaire does not have is refused.
 */
export function checkAnswers(def: QuestionnaireDefinition, raw: Readonly<Record<string, unknown>>): CheckedAnswers {
  const questions = questionsOf(def);
  const known = new Set(questions.map((q) => q.id));
  const issues: FieldIssue[] = Object.keys(raw)
    .filter((k) => !known.has(k))
    .map((k) => ({ path: `answers.${k}`, message: 'is not a question on this questionnaire' }));
  const answers: Answers = {};
  for (const q of questions) {
    if (!isAsked(q, answers)) continue;
    const v = raw[q.id];
    if (isBlank(v)) {
      if (isRequired(q)) issues.push({ path: `answers.${q.id}`, message: 'needs an answer' });
      continue;
    }
    const checked = checkOne(q, v);
    if ('problem' in checked) issues.push({ path: `answers.${q.id}`, message: checked.problem });
    else answers[q.id] = checked.value;
  }
  return { answers, issues };
}

/** The safety flags a set of checked answers raises: each screening question answered yes. */
export const flagsFromAnswers = (answers: Readonly<Answers>): PatientFlag[] => patientFlags.filter((f) => answers[f] === true);
