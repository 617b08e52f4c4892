import type { ConsentPreview, SignedConsent } from '../../db/api/consents';
import type { ClinicSettings } from '../../db/api/settings';
import { longDate } from '../../db/rules/consent-text';
import { ConsentText } from './ConsentText';
import { dayOf, momentOf, statusLabel, treatmentLabel } from './labels';
import { pageCss, type Paper } from './page-css';
import './consent-sheet.css';

export type SheetSource = { kind: 'signed'; consent: SignedConsent } | { kind: 'unsigned'; preview: ConsentPreview };

function Letterhead({ settings }: { settings: ClinicSettings }) {
  const contact = [settings.clinicAddress, settings.clinicPhone && `Tel. ${settings.clinicPhone}`, settings.clinicEmail].filter(Boolean);
  return (
    <header className="consent-letterhead">
      {settings.logo && <img src={settings.logo} alt={`${settings.clinicName} logo`} />}
      <div>
        <div className="clinic-name">{settings.clinicName}</div>
        {contact.length > 0 && <div className="clinic-contact">{contact.join(' · ')}</div>}
      </div>
    </header>
  );
}

const Box = ({ checked }: { checked: boolean }) => <span className="checkbox">{checked ? '✕' : ''}</span>;

function standingText(c: SignedConsent, today: Date): string {
  switch (c.status) {
    case 'valid':
      return `Valid until ${dayOf(c.expiresAt)}`;
    case 'expired':
      return `Expired on ${dayOf(c.expiresAt)}`;
    case 'voided':
      return `Voided on ${dayOf(c.voidedAt!)}`;
    case 'superseded':
      return `${statusLabel.superseded}: version ${c.latestTemplateVersion} of this form has been published since (checked ${dayOf(today.toISOString())})`;
  }
}

function SignedPart({ c }: { c: SignedConsent }) {
  return (
    <>
      <section className="consent-choice" aria-label="Photographs">
        <strong>Photographs for my clinical record: </strong>
        <Box checked={c.photoConsent} /> I agree &nbsp;&nbsp; <Box checked={!c.photoConsent} /> I do not agree
      </section>
      <section className="consent-signature" aria-label="Signature">
        <div>
          <div className="label">Signature</div>
          <img src={c.signature} alt={`Signature of ${c.signedByName}`} />
        </div>
        <div>
          <div className="label">Name of the person signing</div>
          <div>{c.signedByName}</div>
          {c.guardianName && (
            <>
              <div className="label" style={{ marginTop: '2mm' }}>
                Signed as parent or guardian
              </div>
              <div>
                {c.guardianName} ({c.guardianRelationship})
              </div>
            </>
          )}
          <div className="label" style={{ marginTop: '2mm' }}>
            Date written
          </div>
          <div>{longDate(c.fields.signedOn)}</div>
        </div>
        <div>
          <div className="label">Witness</div>
          <div>{c.witnessName ?? 'None'}</div>
        </div>
        <div>
          <div className="label">Taken by</div>
          <div>{c.recordedByName ?? '—'}</div>
        </div>
      </section>
      <section className="consent-record" aria-label="Record">
        <div>
          Consent no. {c.id} · form version {c.templateVersion} · signed at {momentOf(c.signedAt)} ({c.signedAt})
        </div>
        <div>
          Content hash (SHA-256): <span className="hash">{c.contentHash}</span>
        </div>
        <div>Standing: {standingText(c, new Date())}</div>
      </section>
    </>
  );
}

function UnsignedPart({ p }: { p: ConsentPreview }) {
  return (
    <>
      <section className="consent-choice" aria-label="Photographs">
        <strong>Photographs for my clinical record: </strong>
        <Box checked={false} /> I agree &nbsp;&nbsp; <Box checked={false} /> I do not agree
      </section>
      <section className="consent-signature" aria-label="Signature">
        {['Signature', 'Name of the person signing', 'If signing for a patient under 18: your name and relationship to the patient', 'Date', 'Witness (name and signature)', 'Taken by'].map((label) => (
          <div key={label}>
            <div className="label">{label}</div>
            <div className="line" />
          </div>
        ))}
      </section>
      <section className="consent-record" aria-label="Record">
        Unsigned copy of form version {p.template.version}, printed {dayOf(new Date().toISOString())}. Not a record of consent until signed.
      </section>
    </>
  );
}

/** The consent as it prints: letterhead, patient, the exact wording, the choices, the signature and the record. */
export function ConsentSheet({ source, settings, paper }: { source: SheetSource; settings: ClinicSettings; paper: Paper }) {
  const signed = source.kind === 'signed' ? source.consent : null;
  const preview = source.kind === 'unsigned' ? source.preview : null;
  const title = signed ? signed.title : preview!.template.title;
  const version = signed ? signed.templateVersion : preview!.template.version;
  const treatment = treatmentLabel(signed ? signed.treatmentType : preview!.template.treatmentType);
  const patient = signed ? signed.patient : preview!.patient;
  const text = signed ? signed.renderedText : preview!.renderedText;
  const running = {
    patient: patient ? `${patient.fullName} · ${patient.chartNumber} · born ${longDate(patient.dateOfBirth)}` : 'Patient: ____________________',
    form: `${title} · version ${version}`,
    reference: signed ? `Consent no. ${signed.id} · SHA-256 ${signed.contentHash.slice(0, 16)}…` : 'Unsigned copy',
  };
  return (
    <article className="print-sheet consent-sheet" data-paper={paper} aria-label="Consent sheet">
      <style>{pageCss(paper, running)}</style>
      {signed?.voidedAt && (
        <div className="consent-void" role="note">
          VOIDED on {dayOf(signed.voidedAt)}
          {signed.voidedByName ? ` by ${signed.voidedByName}` : ''}: {signed.voidReason}
        </div>
      )}
      <Letterhead settings={settings} />
      <h1>{title}</h1>
      <p className="form-meta">
        {treatment} · form version {version}
      </p>
      <dl className="consent-identity">
        <div>
          <dt>Patient</dt>
          <dd>{patient?.fullName ?? ' '}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{patient ? longDate(patient.dateOfBirth) : ' '}</dd>
        </div>
        <div>
          <dt>Chart number</dt>
          <dd>{patient?.chartNumber ?? ' '}</dd>
        </div>
        <div>
          <dt>Treatment</dt>
          <dd>{treatment}</dd>
        </div>
      </dl>
      <ConsentText text={text} tail={signed ? <SignedPart c={signed} /> : <UnsignedPart p={preview!} />} />
    </article>
  );
}
