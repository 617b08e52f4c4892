import { treatmentLabels } from '../../db/api/consents';
import type { TreatmentType } from '../../db/api/fields';
import { labelWithUnit, type FieldSpec } from '../../db/rules/treatment-parameters';

export const treatmentName = (t: TreatmentType): string => treatmentLabels[t] ?? t;

/** A field's label with its unit: "Fluence (J/cm²)". */
export const fieldLabel = (spec: FieldSpec): string => labelWithUnit(spec);

/** An instant as the clinic reads it: "2 Mar 2026, 09:30". */
export const when = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A time of day: "09:30". */
export const clock = (iso: string): string => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
