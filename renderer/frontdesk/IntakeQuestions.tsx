import { Checkbox, Group, Radio, Stack, Text, Textarea, TextInput, type MantineSize } from '@mantine/core';
import type { AnswerValue, Question } from '../../db/api/intake';
import { isAsked, isRequired } from '../../db/rules/intake';

export type DraftAnswers = Record<string, AnswerValue | undefined>;

interface Props {
  questions: Question[];
  answers: DraftAnswers;
  onAnswer(id: string, value: AnswerValue | undefined): void;
  errors: Record<string, string>;
  /** Tablet: big touch targets for the patient; desk: compact for staff. */
  size: 'tablet' | 'desk';
}

const yesNo = (v: AnswerValue | undefined) => (v === true ? 'yes' : v === false ? 'no' : '');

/** The questions of one section, each answered with a control labelled by the question itself. */
export function IntakeQuestions({ questions, answers, onAnswer, errors, size }: Props) {
  const big = size === 'tablet';
  const control: MantineSize = big ? 'lg' : 'md';
  const labelSize = big ? 'lg' : 'md';
  return (
    <Stack gap={big ? 'xl' : 'lg'}>
      {questions
        .filter((q) => isAsked(q, answers))
        .map((q) => {
          const label = (
            <Text component="span" fz={labelSize} fw={600}>
              {q.label}
              {isRequired(q) && (
                <Text component="span" c="red" aria-hidden>
                  {' '}
                  *
                </Text>
              )}
            </Text>
          );
          const common = { label, description: q.help, error: errors[q.id], withAsterisk: false, size: control };
          switch (q.type) {
            case 'yes_no':
              return (
                <Radio.Group key={q.id} {...common} value={yesNo(answers[q.id])} onChange={(v) => onAnswer(q.id, v === 'yes')}>
                  <Group mt="xs" gap={big ? 'lg' : 'md'}>
                    {big ? (
                      (['yes', 'no'] as const).map((v) => (
                        <Radio.Card key={v} value={v} radius="md" p="md" w={180} withBorder>
                          <Group wrap="nowrap">
                            <Radio.Indicator size="lg" />
                            <Text fz="xl" fw={600}>
                              {v === 'yes' ? 'Yes' : 'No'}
                            </Text>
                          </Group>
                        </Radio.Card>
                      ))
                    ) : (
                      <>
                        <Radio value="yes" label="Yes" size={control} />
                        <Radio value="no" label="No" size={control} />
                      </>
                    )}
                  </Group>
                </Radio.Group>
              );
            case 'choice':
              return (
                <Radio.Group key={q.id} {...common} value={typeof answers[q.id] === 'string' ? (answers[q.id] as string) : ''} onChange={(v) => onAnswer(q.id, v)}>
                  <Stack mt="xs" gap={big ? 'sm' : 'xs'}>
                    {q.options!.map((o) =>
                      big ? (
                        <Radio.Card key={o.value} value={o.value} radius="md" p="md" withBorder>
                          <Group wrap="nowrap">
                            <Radio.Indicator size="lg" />
                            <Text fz="lg">{o.label}</Text>
                          </Group>
                        </Radio.Card>
                      ) : (
                        <Radio key={o.value} value={o.value} label={o.label} size={control} />
                      ),
                    )}
                  </Stack>
                </Radio.Group>
              );
            case 'multi_choice': {
              const chosen = Array.isArray(answers[q.id]) ? (answers[q.id] as string[]) : [];
              return (
                <Checkbox.Group key={q.id} {...common} value={chosen} onChange={(v) => onAnswer(q.id, v)}>
                  <Stack mt="xs" gap={big ? 'sm' : 'xs'}>
                    {q.options!.map((o) =>
                      big ? (
                        <Checkbox.Card key={o.value} value={o.value} radius="md" p="md" withBorder>
                          <Group wrap="nowrap">
                            <Checkbox.Indicator size="lg" />
                            <Text fz="lg">{o.label}</Text>
                          </Group>
                        </Checkbox.Card>
                      ) : (
                        <Checkbox key={o.value} value={o.value} label={o.label} size={control} />
                      ),
                    )}
                  </Stack>
                </Checkbox.Group>
              );
            }
            case 'text':
            case 'long_text': {
              const value = typeof answers[q.id] === 'string' ? (answers[q.id] as string) : '';
              const onChange = (v: string) => onAnswer(q.id, v === '' ? undefined : v);
              return q.type === 'text' ? (
                <TextInput key={q.id} {...common} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
              ) : (
                <Textarea key={q.id} {...common} autosize minRows={big ? 3 : 2} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
              );
            }
          }
        })}
    </Stack>
  );
}
