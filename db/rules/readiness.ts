// What must be in place before a booked patient can be treated: a recent intake and a valid consent.
import type { MissingItem } from '../api/appointments';
import { treatmentLabels, type TreatmentType } from '../api/fields';
import { addMonths, type ConsentStatus } from './consents';
import { localDateOf } from './schedule';

export interface ReadinessFacts {
  treatmentType: TreatmentType;
  /** When the treatment is due to happen. */
  on: Date;
  /** The latest intake's submission instant, or null when the patient never filled one in. */
  latestIntakeAt: string | null;
  intakeValidityMonths: number;
  /** The standing of the best consent for this treatment type: `valid` if any is, else the newest's; null if none was signed. */
  consent: ConsentStatus | null;
}

export function missingBeforeTreatment(f: ReadinessFacts): MissingItem[] {
  const missing: MissingItem[] = [];
  if (f.latestIntakeAt === null) {
    missing.push({ kind: 'intake', reason: 'absent', treatmentType: null, message: 'No intake questionnaire on file' });
  } else if (f.on.getTime() >= addMonths(new Date(f.latestIntakeAt), f.intakeValidityMonths).getTime()) {
    missing.push({
      kind: 'intake',
      reason: 'expired',
      treatmentType: null,
      message: `Intake questionnaire out of date (last filled in on ${localDateOf(new Date(f.latestIntakeAt))}; valid for ${f.intakeValidityMonths} months)`,
    });
  }
  const label = treatmentLabels[f.treatmentType];
  const consent = (reason: MissingItem['reason'], message: string): MissingItem => ({ kind: 'consent', reason, treatmentType: f.treatmentType, message });
  switch (f.consent) {
    case 'valid':
      break;
    case null:
      missing.push(consent('absent', `No signed consent for ${label}`));
      break;
    case 'expired':
      missing.push(consent('expired', `Consent for ${label} has expired: a new signature is needed`));
      break;
    case 'voided':
      missing.push(consent('voided', `Consent for ${label} was voided: a new signature is needed`));
      break;
    case 'superseded':
      missing.push(consent('superseded', `Consent wording for ${label} has changed: a new signature is needed`));
      break;
  }
  return missing;
}
