import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { treatmentTypes } from '../../db/api/fields';
import { ageOnDate, fillPlaceholders, longDate, parseTemplateFile, placeholderProblems, textBlocks } from '../../db/rules/consent-text';

const resources = new URL('../../resources/consents/', import.meta.url);

describe('consent wording', () => {
  it.each([
    ['Hello {{patient.fullName}}, born {{ patient.dateOfBirth }}', []],
    ['{{date}} {{clinic.name}} {{treatment}} {{patient.chartNumber}} {{patient.firstName}} {{patient.lastName}}', []],
    ['Hello {{patient.ssn}}', ['{{patient.ssn}} is not a known field']],
    ['Hello {{patient.fullName', ['has a {{ or }}']],
    ['Hello }} there', ['has a {{ or }}']],
  ])('placeholders in %j', (body, problems) => {
    const found = placeholderProblems(body);
    expect(found).toHaveLength(problems.length);
    problems.forEach((p, i) => expect(found[i]).toContain(p));
  });

  it('fills known fields and leaves everything else as written', () => {
    expect(fillPlaceholders('I, {{patient.fullName}}, on {{ date }}: {{x}} $& $1', { 'patient.fullName': 'Ana $1 Díaz', date: '2 March 2026' })).toBe(
      'I, Ana $1 Díaz, on 2 March 2026: {{x}} $& $1',
    );
  });

  it.each([
    ['2026-03-02', '2 March 2026'],
    ['1988-12-31', '31 December 1988'],
  ])('writes %s as %s', (iso, text) => expect(longDate(iso)).toBe(text));

  it.each([
    ['2008-03-02', '2026-03-02', 18],
    ['2008-03-03', '2026-03-02', 17],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s is %i', (dob, day, age) => expect(ageOnDate(dob, day)).toBe(age));

  it('lays out headings, paragraphs and lists, and nothing more', () => {
    expect(textBlocks('Intro line one\nline two\n\n## Risks\n\n- first\n  continued\n- second\nAfter <b>list</b>')).toEqual([
      { kind: 'paragraph', text: 'Intro line one line two' },
      { kind: 'heading', text: 'Risks' },
      { kind: 'list', items: ['first continued', 'second'] },
      { kind: 'paragraph', text: 'After <b>list</b>' },
    ]);
  });

  it('ships one readable default template per treatment type, and nothing else', () => {
    const files = readdirSync(resources).sort();
    expect(files).toEqual([...treatmentTypes].map((t) => `${t}.md`).sort());
    for (const file of files) {
      const { title, body } = parseTemplateFile(readFileSync(new URL(file, resources), 'utf8'));
      expect(title, file).toMatch(/^Consent to /);
      expect(placeholderProblems(body), file).toEqual([]);
      // Every line is a heading, a list item, a paragraph line or blank: no stray markup.
      for (const line of body.split('\n')) expect(line, file).not.toMatch(/^(#(?!# )|\*|\d+\.|>|<)/);
    }
  });
});
