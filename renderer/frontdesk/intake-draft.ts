import type { FieldIssue } from '../../db/api/envelope';
import type { Answers, QuestionnaireDefinition } from '../../db/api/intake';
import { checkAnswers } from '../../db/rules/intake';
import { CommandError } from '../client';
import type { DraftAnswers } from './IntakeQuestions';

/** The answers given so far, without the blanks. */
export const answersOf = (draft: DraftAnswers): Answers =>
  Object.fromEntries(Object.entries(draft).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined));

/** Problems by question id, from the same rule the records use (or from the records' refusal). */
export const problemsByQuestion = (issues: FieldIssue[]): Record<string, string> =>
  Object.fromEntries(
    issues
      .filter((i) => i.path.startsWith('answers.'))
      .map((i) => [i.path.slice('answers.'.length), i.message === 'needs an answer' ? 'Please answer this question' : i.message]),
  );

/** Problems with the questions of one section only (the patient moves on section by section). */
export function sectionProblems(def: QuestionnaireDefinition, sectionIndex: number, draft: DraftAnswers): Record<string, string> {
  const ids = new Set(def.sections[sectionIndex]?.questions.map((q) => q.id));
  const all = problemsByQuestion(checkAnswers(def, answersOf(draft)).issues);
  return Object.fromEntries(Object.entries(all).filter(([id]) => ids.has(id)));
}

export const issuesOf = (e: unknown): FieldIssue[] => (e instanceof CommandError ? e.issues : []);
