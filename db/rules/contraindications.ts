// Contraindication rules as data, to be reviewed by the clinic. A rule matches a patient flag
// against a treatment type, or against an ingredient of a product used in the session.
import type { PatientFlag, TreatmentType } from '../api/fields';

export type RuleLevel = 'block' | 'warn';

export interface ContraindicationRule {
  id: string;
  flag: PatientFlag;
  level: RuleLevel;
  treatmentType?: TreatmentType;
  ingredient?: string;
  /** Limits an ingredient rule to some product kinds (vitamin C matters as an infusion, not as a serum). */
  productKinds?: readonly string[];
  reason: string;
}

const forTypes = (flag: PatientFlag, level: RuleLevel, types: TreatmentType[], reason: string): ContraindicationRule[] =>
  types.map((t) => ({ id: `${flag}:${t}`, flag, level, treatmentType: t, reason }));

const forIngredients = (flag: PatientFlag, level: RuleLevel, ingredients: string[], reason: string, productKinds?: string[]): ContraindicationRule[] =>
  ingredients.map((i) => ({ id: `${flag}:${i}`, flag, level, ingredient: i, reason, ...(productKinds && { productKinds }) }));

export const contraindicationRules: readonly ContraindicationRule[] = [
  ...forTypes('pregnant', 'block', ['iv_glutathione', 'glutathione_injection', 'mesotherapy'], 'No safety data in pregnancy'),
  ...forIngredients('pregnant', 'block', ['hydroquinone'], 'Hydroquinone is avoided in pregnancy (systemic absorption)'),
  ...forTypes('pregnant', 'warn', ['laser', 'ipl'], 'Pigment responds unpredictably in pregnancy (melasma); most clinics defer'),
  ...forTypes('breastfeeding', 'block', ['iv_glutathione', 'glutathione_injection', 'mesotherapy'], 'No safety data while breastfeeding'),
  ...forIngredients('breastfeeding', 'block', ['hydroquinone'], 'Hydroquinone is avoided while breastfeeding'),
  ...forTypes('breastfeeding', 'warn', ['laser', 'ipl'], 'Hormonal pigment changes while breastfeeding; consider deferring'),
  ...forIngredients('g6pd_deficiency', 'block', ['ascorbic_acid'], 'High-dose vitamin C can cause haemolysis in G6PD deficiency', ['infusion', 'injectable']),
  ...forIngredients('g6pd_deficiency', 'block', ['prilocaine'], 'Prilocaine raises the risk of methaemoglobinaemia in G6PD deficiency'),
  ...forTypes('g6pd_deficiency', 'warn', ['iv_glutathione'], 'G6PD deficiency: check with the prescriber before infusing'),
  ...forTypes('isotretinoin_6m', 'warn', ['laser', 'ipl', 'chemical_peel', 'microneedling', 'microdermabrasion'], 'Isotretinoin in the last 6 months: slower healing possible; the clinic may raise this to block'),
  ...forIngredients('anaesthetic_allergy', 'block', ['lidocaine', 'prilocaine'], 'Known allergy to local anaesthetics'),
  ...forTypes('active_infection', 'block', ['microneedling', 'chemical_peel', 'laser'], 'Active infection or cold sore at the site: treat it first'),
  ...forTypes('keloid_tendency', 'warn', ['microneedling', 'laser'], 'Keloid tendency: risk of raised scarring'),
  ...forTypes('recent_tan', 'warn', ['laser', 'ipl'], 'Recent tan: higher risk of burns and pigment change'),
  ...forTypes('photosensitising_meds', 'warn', ['laser', 'ipl'], 'Photosensitising medicine: higher risk of burns; consider a test spot'),
];

export interface ProductInUse {
  ingredients: readonly string[];
  kind: string;
}

export interface Contraindication {
  rule: ContraindicationRule;
  /** What in the session matched: the treatment type or the ingredient. */
  matchedOn: string;
}

/** Every rule that matches this patient's flags for this treatment and these products. */
export function contraindicationsFor(
  flags: readonly PatientFlag[],
  treatmentType: TreatmentType,
  products: readonly ProductInUse[],
  rules: readonly ContraindicationRule[] = contraindicationRules,
): Contraindication[] {
  const found: Contraindication[] = [];
  for (const rule of rules) {
    if (!flags.includes(rule.flag)) continue;
    if (rule.treatmentType === treatmentType) found.push({ rule, matchedOn: treatmentType });
    if (rule.ingredient) {
      const used = products.some((p) => p.ingredients.includes(rule.ingredient!) && (!rule.productKinds || rule.productKinds.includes(p.kind)));
      if (used) found.push({ rule, matchedOn: rule.ingredient });
    }
  }
  return found;
}

export const blocking = (found: readonly Contraindication[]) => found.filter((c) => c.rule.level === 'block');
