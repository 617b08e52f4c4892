import { Alert, Loader, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { AftercareSheet } from '../../db/api/aftercare';
import type { ClinicSettings } from '../../db/api/settings';
import { longDate } from '../../db/rules/consent-text';
import { call } from '../client';
import { ConsentText } from '../consents/ConsentText';
import { pageCss, type Paper } from '../consents/page-css';
import { pdfFileName } from '../consents/save-pdf';
import { treatmentName, when } from './labels';
import { PrintBar, usePaper } from '../components/PrintBar';
import { Letterhead } from './SessionSheet';
import './charting.css';

/** An aftercare sheet as given: the exact version, the patient, the treatment date, who gave it. */
export function AftercareSheetView({ sheet, settings, paper }: { sheet: AftercareSheet; settings: ClinicSettings; paper: Paper }) {
  const p = sheet.patient;
  const name = `${p.firstName} ${p.lastName}`;
  const running = {
    patient: `${name} · ${p.chartNumber} · born ${longDate(p.dateOfBirth)}`,
    form: `${sheet.template.title} · version ${sheet.template.version}`,
    reference: `Aftercare given ${when(sheet.at)}${sheet.givenByName ? ` by ${sheet.givenByName}` : ''}`,
  };
  return (
    <article className="print-sheet chart-sheet" data-paper={paper} aria-label="Aftercare sheet">
      <style>{pageCss(paper, running)}</style>
      <Letterhead settings={settings} />
      <h1>{sheet.template.title}</h1>
      <p className="sheet-meta">
        {treatmentName(sheet.template.treatmentType)} · aftercare version {sheet.template.version}
      </p>
      <dl className="chart-identity">
        <div>
          <dt>Patient</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{longDate(p.dateOfBirth)}</dd>
        </div>
        <div>
          <dt>Chart number</dt>
          <dd>{p.chartNumber}</dd>
        </div>
        <div>
          <dt>Treated on</dt>
          <dd>{when(sheet.performedAt)}</dd>
        </div>
      </dl>
      <ConsentText text={sheet.template.body} />
      <p className="sheet-meta" style={{ marginTop: '6mm' }}>
        {settings.clinicPhone ? `Questions or worries: call ${settings.clinicName} on ${settings.clinicPhone}.` : `Questions or worries: call ${settings.clinicName}.`} In an emergency, call
        your local emergency number.
      </p>
    </article>
  );
}

/** A given aftercare sheet to print or reprint (`#/aftercare/:id`). */
export function AftercarePrint() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [paper, setPaper] = usePaper();
  const [sheet, setSheet] = useState<AftercareSheet | null>(null);
  const [settings, setSettings] = useState<ClinicSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call('aftercare.sheet', { id: Number(id) }), call('settings.get', {})])
      .then(([a, c]) => {
        setSheet(a);
        setSettings(c);
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, [id]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!sheet || !settings) return <Loader aria-label="Loading the aftercare sheet" />;
  const fileName = pdfFileName(['aftercare', sheet.patient.chartNumber, sheet.template.treatmentType, `v${sheet.template.version}`, sheet.at.slice(0, 10)]);
  return (
    <Stack gap="lg">
      <PrintBar large paper={paper} onPaper={setPaper} fileName={fileName} back={() => navigate(-1)} />
      <AftercareSheetView sheet={sheet} settings={settings} paper={paper} />
    </Stack>
  );
}
