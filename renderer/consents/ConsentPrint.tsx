import { Alert, Badge, Group, Loader, Stack } from '@mantine/core';
import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ConsentPreview, SignedConsent } from '../../db/api/consents';
import type { ClinicSettings } from '../../db/api/settings';
import { call, CommandError } from '../client';
import { ConsentSheet, type SheetSource } from './ConsentSheet';
import { statusColour, statusLabel } from './labels';
import type { Paper } from './page-css';
import { pdfFileName } from './save-pdf';
import { VoidConsentButton } from './VoidConsent';
import { PrintBar, usePaper } from '../components/PrintBar';

const messageOf = (e: unknown) => (e instanceof CommandError || e instanceof Error ? e.message : String(e));

function Sheet({ source, paper }: { source: SheetSource; paper: Paper }) {
  const [settings, setSettings] = useState<ClinicSettings | null>(null);
  useEffect(() => {
    void call('settings.get', {}).then(setSettings);
  }, []);
  if (!settings) return <Loader aria-label="Loading the letterhead" />;
  return <ConsentSheet source={source} settings={settings} paper={paper} />;
}

/** A signed consent, as it prints; also where it is checked and voided. */
export function SignedConsentPrint() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [paper, setPaper] = usePaper();
  const [consent, setConsent] = useState<SignedConsent | null>(null);
  const [intact, setIntact] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const consentId = Number(id);
    call('consents.get', { id: consentId })
      .then((c) => {
        setConsent(c);
        return call('consents.verify', { id: consentId });
      })
      .then((v) => setIntact(v.intact))
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [id]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!consent) return <Loader aria-label="Loading the consent" />;
  const fileName = pdfFileName(['consent', consent.patient.chartNumber, consent.treatmentType, `v${consent.templateVersion}`, consent.signedAt.slice(0, 10), `no${consent.id}`]);
  return (
    <Stack gap="lg">
      <PrintBar
        paper={paper}
        onPaper={setPaper}
        fileName={fileName}
        back={() => navigate(`/patients/${consent.patientId}`)}
        extra={
          <Group gap="sm">
            <Badge size="lg" color={statusColour[consent.status]}>
              {statusLabel[consent.status]}
            </Badge>
            {intact === true && (
              <Badge size="lg" variant="light" color="teal" leftSection={<ShieldCheck size={14} />}>
                Record intact: hash verified
              </Badge>
            )}
            {intact === false && (
              <Badge size="lg" color="red" leftSection={<ShieldAlert size={14} />}>
                Record altered: the hash does not match
              </Badge>
            )}
            {!consent.voidedAt && <VoidConsentButton consent={consent} onVoided={setConsent} />}
          </Group>
        }
      />
      <Sheet source={{ kind: 'signed', consent }} paper={paper} />
    </Stack>
  );
}

/** An unsigned copy of a form: blank, or filled in for one patient (`?patientId=`). */
export function BlankConsentPrint() {
  const { templateId } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [paper, setPaper] = usePaper();
  const [preview, setPreview] = useState<ConsentPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const patientId = search.get('patientId');

  useEffect(() => {
    call('consents.templates.preview', { templateId: Number(templateId), ...(patientId && { patientId: Number(patientId) }) })
      .then(setPreview)
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [templateId, patientId]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!preview) return <Loader aria-label="Loading the form" />;
  const fileName = pdfFileName(['consent', preview.patient?.chartNumber ?? 'blank', preview.template.treatmentType, `v${preview.template.version}`, 'unsigned']);
  return (
    <Stack gap="lg">
      <PrintBar paper={paper} onPaper={setPaper} fileName={fileName} back={() => navigate(-1)} />
      <Sheet source={{ kind: 'unsigned', preview }} paper={paper} />
    </Stack>
  );
}
