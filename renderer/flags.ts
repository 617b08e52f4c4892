import type { PatientFlag } from '../db/api/fields';

// The words staff see for each safety flag.
const labels: Record<PatientFlag, string> = {
  pregnant: 'Pregnant',
  breastfeeding: 'Breastfeeding',
  isotretinoin_6m: 'Isotretinoin in last 6 months',
  photosensitising_meds: 'Photosensitising medicine',
  g6pd_deficiency: 'G6PD deficiency',
  anaesthetic_allergy: 'Anaesthetic allergy',
  keloid_tendency: 'Keloid tendency',
  active_infection: 'Active infection at site',
  recent_tan: 'Recent tan / sun exposure',
};

export const flagLabel = (f: PatientFlag): string => labels[f] ?? f;
