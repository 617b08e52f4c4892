import { Alert, Loader, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ClinicSettings } from '../../db/api/settings';
import type { Session } from '../../db/api/sessions';
import { call } from '../client';
import { pdfFileName } from '../consents/save-pdf';
import { PrintBar, usePaper } from '../components/PrintBar';
import { SessionSheet } from './SessionSheet';

/** The printable session summary (`#/sessions/:id/summary`). */
export function SessionSummary() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [paper, setPaper] = usePaper();
  const [session, setSession] = useState<Session | null>(null);
  const [settings, setSettings] = useState<ClinicSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call('sessions.get', { id: Number(id) }), call('settings.get', {})])
      .then(([s, c]) => {
        setSession(s);
        setSettings(c);
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, [id]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!session || !settings) return <Loader aria-label="Loading the session" />;
  const fileName = pdfFileName(['session', session.patient.chartNumber, session.treatmentType, session.performedAt.slice(0, 10), `no${session.id}`]);
  return (
    <Stack gap="lg">
      <PrintBar large paper={paper} onPaper={setPaper} fileName={fileName} back={() => navigate(`/sessions/${session.id}`)} backLabel="Back to the chart" />
      <SessionSheet session={session} settings={settings} paper={paper} />
    </Stack>
  );
}
