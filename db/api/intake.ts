import { z } from 'zod';
import { adminOnly, command, staff } from './command';
import { patientFlag, patientFlags, recordId, requiredText, type PatientFlag } from './fields';

// Intake questionnaires: versioned definitions (a published version never changes) and the answers
// a patient gave, kept with the version they answered.

export const questionTypes = ['yes_no', 'text', 'long_text', 'choice', 'multi_choice'] as const;
export type QuestionType = (typeof questionTypes)[number];

const questionId = z
  .string({ error: 'must be text' })
  .regex(/^[a-z][a-z0-9_]{0,59}$/, { error: 'must be lower-case letters, digits and _ (starting with a letter)' });

const wording = (max: number) => z.string({ error: 'must be text' }).trim().min(1, { error: 'is required' }).max(max, { error: `must be at most ${max} characters` });

export const questionOption = z.strictObject({ value: questionId, label: wording(300) });

export const question = z.strictObject({
  /** The answer's key; a question whose id is a patient flag name is a screening question. */
  id: questionId,
  type: z.enum(questionTypes, { error: `must be one of: ${questionTypes.join(', ')}` }),
  label: wording(500),
  help: wording(1000).optional(),
  required: z.boolean().optional(),
  options: z.array(questionOption).max(30).optional(),
  /** Asked only when an earlier yes/no question was answered this way. */
  showIf: z.strictObject({ question: questionId, equals: z.boolean() }).optional(),
});
export type Question = z.infer<typeof question>;

export const questionnaireSection = z.strictObject({
  id: questionId,
  title: wording(200),
  intro: wording(2000).optional(),
  questions: z.array(question).min(1, { error: 'needs at least one question' }).max(60),
});

export const isScreeningQuestion = (q: Pick<Question, 'id'>): q is Question & { id: PatientFlag } => (patientFlags as readonly string[]).includes(q.id);

/** A questionnaire's content. Every safety flag must be asked, as a yes/no question. */
export const questionnaireDefinition = z
  .strictObject({
    intro: wording(4000).optional(),
    sections: z.array(questionnaireSection).min(1, { error: 'needs at least one section' }).max(30),
    /** What the patient confirms by submitting (printed above the signature line). */
    declaration: wording(2000).optional(),
  })
  .superRefine((def, ctx) => {
    const seen = new Map<string, Question>();
    def.sections.forEach((s, si) =>
      s.questions.forEach((q, qi) => {
        const path = ['sections', si, 'questions', qi];
        if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `"${q.id}" is used twice` });
        const hasChoices = q.type === 'choice' || q.type === 'multi_choice';
        if (hasChoices && (q.options?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'a choice needs at least two options' });
        if (!hasChoices && q.options) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `only choice questions have options` });
        if (q.options && new Set(q.options.map((o) => o.value)).size !== q.options.length)
          ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'option values must differ' });
        if (isScreeningQuestion(q) && q.type !== 'yes_no')
          ctx.addIssue({ code: 'custom', path: [...path, 'type'], message: `the safety question "${q.id}" must be a yes/no question` });
        if (isScreeningQuestion(q) && q.showIf)
          ctx.addIssue({ code: 'custom', path: [...path, 'showIf'], message: `the safety question "${q.id}" must always be asked` });
        if (q.showIf && seen.get(q.showIf.question)?.type !== 'yes_no')
          ctx.addIssue({ code: 'custom', path: [...path, 'showIf', 'question'], message: 'must name an earlier yes/no question' });
        seen.set(q.id, q);
      }),
    );
    const missing = patientFlags.filter((f) => !seen.has(f));
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['sections'], message: `must ask every safety question; missing: ${missing.join(', ')}` });
  });
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinition>;

/** One answer: yes/no as true/false, text, a choice's value, or several choices' values. */
export const answerValue = z.union([z.boolean(), z.string(), z.array(z.string())]);
export type AnswerValue = z.infer<typeof answerValue>;
export type Answers = Record<string, AnswerValue>;

export const questionnaire = z.object({
  id: z.number(),
  version: z.number(),
  title: z.string(),
  definition: questionnaireDefinition,
  publishedAt: z.string(),
  publishedBy: z.number().nullable(),
});
export type Questionnaire = z.infer<typeof questionnaire>;

export const questionnaireListItem = questionnaire.omit({ definition: true }).extend({ current: z.boolean() });

export const intakeRecord = z.object({
  id: z.number(),
  patientId: z.number(),
  questionnaireId: z.number(),
  questionnaireVersion: z.number(),
  answers: z.record(z.string(), answerValue),
  flags: z.array(patientFlag),
  submittedAt: z.string(),
  submittedBy: z.number().nullable(),
});
export type IntakeRecord = z.infer<typeof intakeRecord>;

const versionNumber = z.int({ error: 'must be a version number' }).positive({ error: 'must be a version number' });

export const intakeSubmitInput = z.strictObject({
  patientId: recordId,
  /** The version the patient answered; the current one when left out. */
  questionnaireVersion: versionNumber.optional(),
  // Checked against the questionnaire itself, so each problem names its question.
  answers: z
    .record(z.string().max(60, { error: 'is not a question' }), z.unknown(), { error: 'must be the answers, by question' })
    .refine((a) => Object.keys(a).length <= 300, { error: 'has too many answers' }),
});

export const intakeCommands = [
  command({
    name: 'questionnaires.list',
    kind: 'read',
    access: staff,
    input: z.strictObject({}),
    output: z.object({ items: z.array(questionnaireListItem) }),
  }),
  command({
    name: 'questionnaires.get',
    kind: 'read',
    access: staff,
    input: z.strictObject({ version: versionNumber.optional() }),
    output: questionnaire,
  }),
  command({
    name: 'questionnaires.publish',
    kind: 'write',
    access: adminOnly,
    input: z.strictObject({ title: requiredText(200), definition: questionnaireDefinition }),
    output: questionnaire,
  }),
  command({ name: 'intake.submit', kind: 'write', access: staff, input: intakeSubmitInput, output: intakeRecord }),
  command({
    name: 'intake.forPatient',
    kind: 'view',
    access: staff,
    input: z.strictObject({ patientId: recordId }),
    output: z.object({ items: z.array(intakeRecord) }),
  }),
] as const;
