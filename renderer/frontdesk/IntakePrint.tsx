import './print.css';
import { Alert, Button, Group, Loader } from '@mantine/core';
import { Printer } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { AnswerValue, IntakeRecord, Question, Questionnaire } from '../../db/api/intake';
import type { Patient } from '../../db/api/patients';
import type { ClinicSettings } from '../../db/api/settings';
import { isAsked } from '../../db/rules/intake';
import { call } from '../client';

function Field({ label, value }: { label: string; value?: string | null | undefined }) {
  return (
    <div className="field">
      <span>{label}:</span>
      <span className="value">{value ?? ''}</span>
    </div>
  );
}

const Box = () => <span className="box" aria-hidden />;

function BlankAnswer({ q }: { q: Question }) {
  switch (q.type) {
    case 'yes_no':
      return (
        <div className="choices">
          <span>
            <Box />
            Yes
          </span>
          <span>
            <Box />
            No
          </span>
        </div>
      );
    case 'choice':
    case 'multi_choice':
      return (
        <div className="choices">
          {q.options!.map((o) => (
            <span key={o.value}>
              <Box />
              {o.label}
            </span>
          ))}
        </div>
      );
    case 'text':
      return <div className="line" />;
    case 'long_text':
      return (
        <>
          <div className="line" />
          <div className="line" />
          <div className="line" />
        </>
      );
  }
}

const answerText = (q: Question, v: AnswerValue | undefined): string => {
  if (v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  const label = (value: string) => q.options?.find((o) => o.value === value)?.label ?? value;
  if (Array.isArray(v)) return v.length ? v.map(label).join('; ') : 'None of these';
  return q.type === 'choice' ? label(v) : v;
};

interface Sheet {
  settings: ClinicSettings;
  questionnaire: Questionnaire;
  patient: Patient | null;
  intake: IntakeRecord | null;
}

/**
 * The intake form on paper: blank (for a patient who prefers pen), with the patient's details,
 * or with the answers of their latest intake for them to check and sign.
 */
export function IntakePrint() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const withAnswers = search.get('answers') === '1';
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const load = async (): Promise<Sheet> => {
      const settings = await call('settings.get', {});
      const patient = id ? await call('patients.get', { id: Number(id) }) : null;
      const intake = patient && withAnswers ? ((await call('intake.forPatient', { patientId: patient.id })).items[0] ?? null) : null;
      if (withAnswers && !intake) throw new Error('This patient has no intake on file yet; print a blank form instead.');
      const questionnaire = await call('questionnaires.get', intake ? { version: intake.questionnaireVersion } : {});
      return { settings, questionnaire, patient, intake };
    };
    load()
      .then(setSheet)
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, [id, withAnswers]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!sheet) return <Loader aria-label="Loading the form" />;
  const { settings, questionnaire, patient, intake } = sheet;
  const def = questionnaire.definition;
  const answers = intake?.answers ?? {};
  let n = 0;

  return (
    <div>
      <Group className="no-print" mb="md">
        <Button leftSection={<Printer size={16} />} onClick={() => window.print()}>
          Print
        </Button>
        <Button variant="default" onClick={() => navigate(-1)}>
          Back
        </Button>
      </Group>
      <article className="intake-sheet" aria-label="Intake form">
        <header className="letterhead">
          <div>
            <strong style={{ fontSize: 18 }}>{settings.clinicName}</strong>
            {settings.clinicAddress && <div>{settings.clinicAddress}</div>}
            <div>{[settings.clinicPhone, settings.clinicEmail].filter(Boolean).join(' · ')}</div>
          </div>
          {settings.logo && <img src={settings.logo} alt="" />}
        </header>
        <h1>{questionnaire.title}</h1>
        <div className="who">
          <Field label="Name" value={patient && `${patient.firstName} ${patient.lastName}`} />
          <Field label="Date of birth" value={patient?.dateOfBirth} />
          <Field label="Chart number" value={patient?.chartNumber} />
          <Field label="Phone" value={patient?.phone} />
        </div>
        {def.intro && <p>{def.intro}</p>}
        {def.sections.map((s) => (
          <section key={s.id}>
            <h2>{s.title}</h2>
            {s.intro && <p className="q-help">{s.intro}</p>}
            {s.questions
              .filter((q) => !intake || isAsked(q, answers))
              .map((q) => {
                n += 1;
                return (
                  <div className="q" key={q.id}>
                    <div className="q-label">
                      {n}. {q.label}
                      {intake && <span className="answer">{answerText(q, answers[q.id])}</span>}
                    </div>
                    {!intake && q.help && <div className="q-help">{q.help}</div>}
                    {!intake && <BlankAnswer q={q} />}
                  </div>
                );
              })}
          </section>
        ))}
        {def.declaration && <p style={{ marginTop: 20, fontWeight: 600 }}>{def.declaration}</p>}
        <div className="signature">
          <Field label="Signature" />
          <Field label="Date" />
        </div>
        <div className="footer">
          {questionnaire.title}, version {questionnaire.version}
          {intake && ` · answers recorded ${new Date(intake.submittedAt).toLocaleString()}`}
        </div>
      </article>
    </div>
  );
}
