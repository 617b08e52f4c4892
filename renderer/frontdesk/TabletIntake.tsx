import { Alert, Box, Button, Container, Group, Loader, Modal, Paper, PasswordInput, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { CheckCircle2, Lock } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Questionnaire } from '../../db/api/intake';
import { call, CommandError } from '../client';
import { IntakeQuestions, type DraftAnswers } from './IntakeQuestions';
import { answersOf, issuesOf, problemsByQuestion, sectionProblems } from './intake-draft';
import { endTabletIntake, type TabletLock } from './tablet-lock';

/** A staff member's username and password, checked by the records, before the tablet leaves the patient. */
function UnlockDialog({ opened, onClose, onUnlocked }: { opened: boolean; onClose(): void; onUnlocked(): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setProblem(null);
    if (!username.trim() || !password) return setProblem('Enter a staff username and password');
    setBusy(true);
    try {
      await call('auth.verifyPassword', { username, password });
      onUnlocked();
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : String(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Staff unlock" centered size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text c="dimmed">For clinic staff: sign with your own account to leave the questionnaire.</Text>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <TextInput label="Staff username" autoComplete="off" value={username} onChange={(e) => setUsername(e.currentTarget.value)} data-autofocus />
          <PasswordInput label="Staff password" autoComplete="off" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            Unlock
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The questionnaire as the patient sees it on a tablet: no navigation, big controls, one section
 * at a time. Whatever the address says, this is all the app shows until a staff member unlocks it.
 */
export function TabletIntake({ lock }: { lock: TabletLock }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<DraftAnswers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const [sending, setSending] = useState(false);
  const [unlocking, setUnlocking] = useState(false);

  const leaving = useRef(false);
  useEffect(() => {
    if (location.pathname === '/tablet') return;
    // Unlocked: the app takes over once the address is the patient's page, never the tablet's.
    if (leaving.current) endTabletIntake();
    else navigate('/tablet', { replace: true });
  }, [location.pathname, navigate]);

  useEffect(() => {
    call('questionnaires.get', {})
      .then(setQuestionnaire)
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, []);

  const unlocked = () => {
    leaving.current = true;
    navigate(`/patients/${lock.patientId}`, { replace: true });
  };

  const header = (
    <Group justify="space-between" p="md" className="no-print">
      <Text fz="lg" fw={600}>
        Health questionnaire{lock.greeting ? ` for ${lock.greeting}` : ''}
      </Text>
      <Button variant="subtle" color="gray" leftSection={<Lock size={16} />} onClick={() => setUnlocking(true)}>
        Staff unlock
      </Button>
    </Group>
  );

  const body = (() => {
    if (problem) return <Alert color="red">{problem}</Alert>;
    if (!questionnaire) return <Loader aria-label="Loading the questionnaire" />;
    const def = questionnaire.definition;
    const sections = def.sections;
    if (sent) {
      return (
        <Paper withBorder p="xl" radius="lg">
          <Stack align="center" gap="lg">
            <CheckCircle2 size={64} color="var(--mantine-color-teal-6)" />
            <Title order={1} ta="center">
              Thank you
            </Title>
            <Text fz="xl" ta="center">
              Your answers have been saved. Please hand the tablet back to the front desk.
            </Text>
          </Stack>
        </Paper>
      );
    }
    const onLast = step === sections.length;
    const section = sections[step];
    const next = () => {
      const found = sectionProblems(def, step, draft);
      setErrors(found);
      if (Object.keys(found).length === 0) {
        setStep(step + 1);
        window.scrollTo(0, 0);
      } else {
        // Show the patient the first question that still needs an answer.
        setTimeout(() => document.querySelector('.mantine-InputWrapper-error')?.scrollIntoView({ block: 'center' }), 0);
      }
    };
    const send = async () => {
      setSending(true);
      try {
        await call('intake.submit', { patientId: lock.patientId, questionnaireVersion: questionnaire.version, answers: answersOf(draft) });
        setSent(true);
      } catch (e) {
        const found = problemsByQuestion(issuesOf(e));
        const first = sections.findIndex((s) => s.questions.some((q) => q.id in found));
        if (first >= 0) {
          setErrors(found);
          setStep(first);
        } else setProblem(e instanceof Error ? e.message : String(e));
      } finally {
        setSending(false);
      }
    };
    return (
      <Stack gap="xl">
        <div>
          <Text c="dimmed" fz="lg">
            {onLast ? 'Last step' : `Part ${step + 1} of ${sections.length}`}
          </Text>
          <Progress value={(step / sections.length) * 100} size="lg" mt="xs" aria-label="Progress through the questionnaire" />
        </div>
        {step === 0 && def.intro && <Text fz="lg">{def.intro}</Text>}
        {section ? (
          <Paper withBorder p="xl" radius="lg">
            <Stack gap="lg">
              <Title order={1} size="h2">
                {section.title}
              </Title>
              {section.intro && <Text fz="lg">{section.intro}</Text>}
              <IntakeQuestions
                size="tablet"
                questions={section.questions}
                answers={draft}
                errors={errors}
                onAnswer={(id, value) => {
                  setDraft((d) => ({ ...d, [id]: value }));
                  setErrors(({ [id]: _done, ...rest }) => rest);
                }}
              />
            </Stack>
          </Paper>
        ) : (
          <Paper withBorder p="xl" radius="lg">
            <Stack gap="lg">
              <Title order={1} size="h2">
                Check and send
              </Title>
              <Text fz="lg">You can go back to change any answer.</Text>
              {def.declaration && (
                <Text fz="lg" fw={600}>
                  {def.declaration}
                </Text>
              )}
            </Stack>
          </Paper>
        )}
        {Object.keys(errors).length > 0 && (
          <Alert color="red" role="alert">
            Some questions still need an answer.
          </Alert>
        )}
        <Group justify="space-between">
          <Button size="xl" variant="default" disabled={step === 0} onClick={() => setStep(step - 1)}>
            Back
          </Button>
          {onLast ? (
            <Button size="xl" loading={sending} onClick={() => void send()}>
              Send my answers
            </Button>
          ) : (
            <Button size="xl" onClick={next}>
              Next
            </Button>
          )}
        </Group>
      </Stack>
    );
  })();

  return (
    <Box mih="100vh" bg="gray.0">
      {header}
      <Container size="md" pb="xl">
        {body}
      </Container>
      <UnlockDialog opened={unlocking} onClose={() => setUnlocking(false)} onUnlocked={unlocked} />
    </Box>
  );
}
