import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Questionnaire } from '../../db/api/intake';
import type { Patient } from '../../db/api/patients';
import { call } from '../client';
import { IntakeQuestions, type DraftAnswers } from './IntakeQuestions';
import { answersOf, issuesOf, problemsByQuestion } from './intake-draft';

/** Staff fill in the questionnaire with the patient at the desk (or from a paper form): every section on one page. */
export function DeskIntake() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [patient, setPatient] = useState<Patient | null>(null);
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [draft, setDraft] = useState<DraftAnswers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    Promise.all([call('patients.get', { id: Number(id) }), call('questionnaires.get', {})])
      .then(([p, q]) => {
        setPatient(p);
        setQuestionnaire(q);
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, [id]);

  if (problem && !questionnaire) return <Alert color="red">{problem}</Alert>;
  if (!patient || !questionnaire) return <Loader aria-label="Loading the questionnaire" />;

  const save = async () => {
    setProblem(null);
    setSaving(true);
    try {
      const intake = await call('intake.submit', { patientId: patient.id, questionnaireVersion: questionnaire.version, answers: answersOf(draft) });
      notifications.show({ color: 'teal', message: `Intake saved${intake.flags.length ? ` with ${intake.flags.length} safety alert(s)` : ''}` });
      navigate(`/patients/${patient.id}`);
    } catch (e) {
      const found = problemsByQuestion(issuesOf(e));
      setErrors(found);
      setProblem(Object.keys(found).length ? `${Object.keys(found).length} question(s) need attention` : e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack maw={860}>
      <div>
        <Title order={1} size="h2">
          Intake questionnaire
        </Title>
        <Text c="dimmed">
          {patient.firstName} {patient.lastName} · {patient.chartNumber} · {questionnaire.title}, version {questionnaire.version}
        </Text>
      </div>
      {questionnaire.definition.intro && <Text>{questionnaire.definition.intro}</Text>}
      {questionnaire.definition.sections.map((s) => (
        <Paper key={s.id} withBorder p="lg" component="section" aria-label={s.title}>
          <Stack>
            <Title order={2} size="h3">
              {s.title}
            </Title>
            {s.intro && <Text c="dimmed">{s.intro}</Text>}
            <IntakeQuestions
              size="desk"
              questions={s.questions}
              answers={draft}
              errors={errors}
              onAnswer={(qid, value) => {
                setDraft((d) => ({ ...d, [qid]: value }));
                setErrors(({ [qid]: _done, ...rest }) => rest);
              }}
            />
          </Stack>
        </Paper>
      ))}
      {questionnaire.definition.declaration && <Text fw={600}>{questionnaire.definition.declaration}</Text>}
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save()} loading={saving}>
          Save intake
        </Button>
        <Button variant="default" onClick={() => navigate(`/patients/${patient.id}`)}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
