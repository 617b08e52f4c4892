import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { patientFlags } from '../../db/api/fields';
import { questionnaireDefinition, type QuestionnaireDefinition } from '../../db/api/intake';
import { checkAnswers, flagsFromAnswers, questionsOf } from '../../db/rules/intake';

const shipped = JSON.parse(readFileSync(new URL('../../resources/intake/default-questionnaire.json', import.meta.url), 'utf8')) as {
  title: string;
  definition: QuestionnaireDefinition;
};
const def = questionnaireDefinition.parse(shipped.definition);

/** Every safety question answered "no". */
const allNo = Object.fromEntries(patientFlags.map((f) => [f, false]));

describe('the default questionnaire', () => {
  it('is a valid definition that asks every safety question as yes/no', () => {
    const screening = questionsOf(def).filter((q) => (patientFlags as readonly string[]).includes(q.id));
    expect(screening.map((q) => q.id).sort()).toEqual([...patientFlags].sort());
    expect(screening.every((q) => q.type === 'yes_no' && !q.showIf)).toBe(true);
  });

  it('covers the history the clinic needs', () => {
    const ids = questionsOf(def).map((q) => q.id);
    for (const id of ['conditions', 'current_medicines', 'supplements', 'allergies_list', 'skin_type', 'melasma', 'vitiligo', 'cold_sores']) expect(ids).toContain(id);
  });
});

describe('flags from intake answers', () => {
  it.each([
    [{}, []],
    [{ g6pd_deficiency: true }, ['g6pd_deficiency']],
    [{ pregnant: true, breastfeeding: true }, ['pregnant', 'breastfeeding']],
    [{ isotretinoin_6m: true, recent_tan: true, keloid_tendency: true }, ['isotretinoin_6m', 'keloid_tendency', 'recent_tan']],
    [{ anaesthetic_allergy: true, anaesthetic_allergy_details: 'EMLA: hives' }, ['anaesthetic_allergy']],
    [{ photosensitising_meds: true, active_infection: true }, ['photosensitising_meds', 'active_infection']],
    // A "yes" to a question that is not a safety question raises no flag.
    [{ cold_sores: true, melasma: true, blood_thinners: true }, []],
  ])('%o raises %o', (yes, flags) => {
    const { answers, issues } = checkAnswers(def, { ...allNo, ...yes });
    expect(issues).toEqual([]);
    expect(flagsFromAnswers(answers)).toEqual(flags);
  });
});

describe('checking intake answers', () => {
  it.each([
    [{ g6pd_deficiency: 'yes' }, 'answers.g6pd_deficiency', /yes or no/],
    [{ g6pd_deficiency: 1 }, 'answers.g6pd_deficiency', /yes or no/],
    [{ g6pd_deficiency: undefined }, 'answers.g6pd_deficiency', /needs an answer/],
    [{ pregnant: null }, 'answers.pregnant', /needs an answer/],
    [{ skin_type: 'type_9' }, 'answers.skin_type', /must be one of/],
    [{ conditions: 'diabetes' }, 'answers.conditions', /list of choices/],
    [{ conditions: ['diabetes', 'gout'] }, 'answers.conditions', /not gout/],
    [{ current_medicines: 42 }, 'answers.current_medicines', /must be text/],
    [{ supplements: 'x'.repeat(4001) }, 'answers.supplements', /at most 4000/],
    [{ shoe_size: '42' }, 'answers.shoe_size', /not a question/],
  ])('%o is refused at %s', (change, path, message) => {
    const { issues } = checkAnswers(def, { ...allNo, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message).toMatch(message);
  });

  it('keeps a follow-up only when its question was answered that way, and trims text', () => {
    const asked = checkAnswers(def, { ...allNo, anaesthetic_allergy: true, anaesthetic_allergy_details: '  lidocaine at the dentist ' });
    expect(asked.answers.anaesthetic_allergy_details).toBe('lidocaine at the dentist');
    const notAsked = checkAnswers(def, { ...allNo, anaesthetic_allergy_details: 'left over from an earlier tap' });
    expect(notAsked.issues).toEqual([]);
    expect(notAsked.answers).not.toHaveProperty('anaesthetic_allergy_details');
  });

  it('keeps multiple choices in the questionnaire order', () => {
    expect(checkAnswers(def, { ...allNo, conditions: ['asthma', 'diabetes'] }).answers.conditions).toEqual(['diabetes', 'asthma']);
  });
});

describe('publishing a questionnaire definition', () => {
  const section = (questions: unknown[]) => ({ sections: [{ id: 'all', title: 'All', questions }] });
  const screening = patientFlags.map((f) => ({ id: f, type: 'yes_no', label: `Asked: ${f}` }));
  const problems = (d: unknown) => {
    const r = questionnaireDefinition.safeParse(d);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it.each([
    ['a safety question left out', section(screening.slice(1)), /missing: pregnant/],
    ['a safety question as free text', section([...screening.slice(1), { id: 'pregnant', type: 'text', label: 'Pregnant?' }]), /must be a yes\/no question/],
    ['a question id used twice', section([...screening, { id: 'pregnant', type: 'yes_no', label: 'Again' }]), /used twice/],
    ['a choice without options', section([...screening, { id: 'skin', type: 'choice', label: 'Skin' }]), /at least two options/],
    ['a follow-up of a later question', section([{ id: 'why', type: 'text', label: 'Why?', showIf: { question: 'pregnant', equals: true } }, ...screening]), /earlier yes\/no/],
  ])('refuses %s', (_case, d, message) => {
    expect(problems(d).join('\n')).toMatch(message);
  });

  it('accepts a minimal questionnaire that asks every safety question', () => {
    expect(problems(section(screening))).toEqual([]);
  });
});
