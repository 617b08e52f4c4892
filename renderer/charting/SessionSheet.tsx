import type { ClinicSettings } from '../../db/api/settings';
import type { Session } from '../../db/api/sessions';
import type { AreaMark } from '../../db/rules/body-map';
import { longDate } from '../../db/rules/consent-text';
import { formatParameter, treatmentFields } from '../../db/rules/treatment-parameters';
import { pageCss, type Paper } from '../consents/page-css';
import { flagLabel } from '../flags';
import { quantityWithUnit } from '../inventory/format';
import { AreasPrint } from './AreasPrint';
import { fieldLabel, treatmentName, when } from './labels';
import './charting.css';

export function Letterhead({ settings }: { settings: ClinicSettings }) {
  const contact = [settings.clinicAddress, settings.clinicPhone && `Tel. ${settings.clinicPhone}`, settings.clinicEmail].filter(Boolean);
  return (
    <header className="chart-letterhead">
      {settings.logo && <img src={settings.logo} alt={`${settings.clinicName} logo`} />}
      <div>
        <div className="clinic-name">{settings.clinicName}</div>
        {contact.length > 0 && <div className="clinic-contact">{contact.join(' · ')}</div>}
      </div>
    </header>
  );
}

const minutesBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 60000);

/** The session as it prints (and as a signed session reads on screen): every fact with its unit. */
export function SessionSheet({ session: s, settings, paper }: { session: Session; settings: ClinicSettings; paper: Paper }) {
  const name = `${s.patient.firstName} ${s.patient.lastName}`;
  const params = treatmentFields[s.treatmentType].filter(([n]) => s.parameters[n] !== undefined);
  const n = s.numbing;
  const running = {
    patient: `${name} · ${s.patient.chartNumber} · born ${longDate(s.patient.dateOfBirth)}`,
    form: `Treatment record · ${treatmentName(s.treatmentType)}`,
    reference: `Session no. ${s.id} · ${s.status === 'signed' ? `signed ${when(s.signedAt!)}` : 'DRAFT, not signed'}`,
  };
  return (
    <article className="print-sheet chart-sheet" data-paper={paper} aria-label="Session summary">
      <style>{pageCss(paper, running)}</style>
      {s.status === 'draft' && <div className="chart-draft">DRAFT: this chart is not signed</div>}
      <Letterhead settings={settings} />
      <h1>Treatment record: {treatmentName(s.treatmentType)}</h1>
      <p className="sheet-meta">
        Session no. {s.id} · started by {s.practitionerName ?? '—'}
      </p>
      <dl className="chart-identity">
        <div>
          <dt>Patient</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{longDate(s.patient.dateOfBirth)}</dd>
        </div>
        <div>
          <dt>Chart number</dt>
          <dd>{s.patient.chartNumber}</dd>
        </div>
        <div>
          <dt>Performed</dt>
          <dd>{when(s.performedAt)}</dd>
        </div>
      </dl>

      <h2>Safety checks</h2>
      <p>
        Consent:{' '}
        {s.checks.consent.status === 'valid'
          ? `valid (consent no. ${s.checks.consent.consentId}, form version ${s.checks.consent.templateVersion}, signed ${when(s.checks.consent.signedAt!)})`
          : 'no valid consent on the session date'}
        .
      </p>
      <p>Patient alerts: {s.patient.flags.length ? s.patient.flags.map(flagLabel).join(', ') : 'none recorded'}.</p>
      {s.checks.contraindications.length > 0 && (
        <ul>
          {s.checks.contraindications.map((c) => (
            <li key={c.ruleId}>
              {c.level === 'block' ? 'Contraindication' : 'Caution'}: {flagLabel(c.flag)} with {c.matchedOn.replace(/_/g, ' ')}. {c.reason}.
            </li>
          ))}
        </ul>
      )}
      {s.overrideReason && (
        <div className="chart-override">
          <strong>Contraindication overridden by the signing practitioner.</strong> Reason: {s.overrideReason}
        </div>
      )}

      {n && (
        <>
          <h2>Numbing cream</h2>
          <p>
            {n.productName ? `${n.productName}, lot ${n.lotNumber} (expires ${n.expiresOn}), ${quantityWithUnit(n.quantity ?? 0, n.unit ?? '')}` : 'Cream not recorded'}
            {n.area ? ` on ${n.area}` : ''}
            {n.occluded ? ', under film' : ''}. Applied {n.appliedAt ? when(n.appliedAt) : '—'}, removed {n.removedAt ? when(n.removedAt) : '—'}
            {n.appliedAt && n.removedAt ? ` (${minutesBetween(n.appliedAt, n.removedAt)} minutes)` : ''}.
          </p>
        </>
      )}

      <h2>Treatment parameters</h2>
      {params.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <dl className="chart-params">
          {params.map(([key, spec]) => (
            <div key={key}>
              <dt>{fieldLabel(spec)}</dt>
              <dd>{formatParameter(spec, s.parameters[key], when)}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2>Products used</h2>
      {s.products.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <table className="chart-table" aria-label="Products used">
          <thead>
            <tr>
              <th>Product</th>
              <th>Lot</th>
              <th>Expires</th>
              <th>Quantity</th>
              <th>Area</th>
            </tr>
          </thead>
          <tbody>
            {s.products.map((p) => (
              <tr key={p.id}>
                <td>{p.productName}</td>
                <td>{p.lotNumber}</td>
                <td>{p.expiresOn}</td>
                <td>{quantityWithUnit(p.quantity, p.unit)}</td>
                <td>{p.area ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Areas treated</h2>
      <AreasPrint marks={s.areas as AreaMark[]} products={s.products} />

      <h2>Notes</h2>
      <p className="chart-notes">{s.notes ?? 'None.'}</p>

      {s.addenda.length > 0 && (
        <>
          <h2>Addenda</h2>
          {s.addenda.map((a) => (
            <div key={a.id} style={{ breakInside: 'avoid', marginBottom: '3mm' }}>
              <div>
                <strong>{when(a.at)}</strong> · {a.userName ?? '—'} · reason: {a.reason}
              </div>
              <p className="chart-notes">{a.text}</p>
            </div>
          ))}
        </>
      )}

      {s.aftercare.length > 0 && (
        <p>
          Aftercare given: {s.aftercare.map((a) => `${a.title ?? treatmentName(s.treatmentType)} (version ${a.version}, ${when(a.at)})`).join('; ')}.
        </p>
      )}

      <section className="chart-signature" aria-label="Signature">
        <div>
          <div className="line" />
          <div className="label">Practitioner’s signature</div>
          <div>{s.signedByName ?? s.practitionerName ?? ''}</div>
        </div>
        <div>
          <div className="line">{s.signedAt ? <span style={{ position: 'relative', top: '6mm' }}>{when(s.signedAt)}</span> : null}</div>
          <div className="label">Signed (locked) at</div>
          <div>{s.signedAt ? <>Signed electronically, <span style={{ whiteSpace: 'nowrap' }}>{new Date(s.signedAt).toISOString()}</span></> : 'Not signed'}</div>
        </div>
      </section>
    </article>
  );
}
