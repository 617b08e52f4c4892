import { treatmentLabels, type ConsentSummary } from '../../db/api/consents';
import { treatmentTypes, type TreatmentType } from '../../db/api/fields';

export const treatmentLabel = (t: TreatmentType): string => treatmentLabels[t] ?? t;
export const treatmentOptions = treatmentTypes.map((t) => ({ value: t, label: treatmentLabels[t] }));

export const statusLabel: Record<ConsentSummary['status'], string> = {
  valid: 'Valid',
  expired: 'Expired',
  voided: 'Voided',
  superseded: 'New version to sign',
};
export const statusColour: Record<ConsentSummary['status'], string> = {
  valid: 'teal',
  expired: 'orange',
  voided: 'gray',
  superseded: 'yellow',
};

/** A calendar day in words for staff and patients: 2 March 2026. */
export const dayOf = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** An instant in the clinic's local time, with its zone, for the printed record. */
export const momentOf = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
