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

// Starting set from DESIGN.md, widened where a clinician would expect it (other retinoids and
// anaesthetics, every resurfacing or skin-breaking treatment over an active infection). A clinic can
// raise any `warn` to `block` here; every change needs its row in the table-driven tests.
export const contraindicationRules: readonly ContraindicationRule[] = [
  ...forTypes('pregnant', 'block', ['iv_glutathione', 'glutathione_injection', 'mesotherapy'], 'No safety data for this treatment in pregnancy'),
  ...forIngredients('pregnant', 'block', ['hydroquinone'], 'Hydroquinone is absorbed through the skin and is avoided in pregnancy'),
  ...forIngredients('pregnant', 'block', ['tretinoin'], 'Tretinoin is a retinoid; retinoids are avoided in pregnancy'),
  ...forIngredients('pregnant', 'warn', ['salicylic_acid'], 'Salicylic acid peels are usually avoided in pregnancy; glycolic or lactic acid is the usual alternative', ['peel']),
  ...forTypes('pregnant', 'warn', ['laser', 'ipl'], 'Pigment responds unpredictably in pregnancy (melasma); most clinics defer'),
  ...forTypes('breastfeeding', 'block', ['iv_glutathione', 'glutathione_injection', 'mesotherapy'], 'No safety data for this treatment while breastfeeding'),
  ...forIngredients('breastfeeding', 'block', ['hydroquinone'], 'Hydroquinone is avoided while breastfeeding'),
  ...forIngredients('breastfeeding', 'warn', ['tretinoin'], 'Retinoid while breastfeeding: keep it off the breast area; many clinics defer'),
  ...forTypes('breastfeeding', 'warn', ['laser', 'ipl'], 'Hormonal pigment changes while breastfeeding; consider deferring'),
  ...forIngredients('g6pd_deficiency', 'block', ['ascorbic_acid'], 'High-dose vitamin C given into a vein can cause haemolysis in G6PD deficiency', ['infusion', 'injectable']),
  ...forIngredients('g6pd_deficiency', 'block', ['prilocaine', 'benzocaine'], 'Raises the risk of methaemoglobinaemia in G6PD deficiency; use a lidocaine-only cream'),
  ...forTypes('g6pd_deficiency', 'warn', ['iv_glutathione'], 'G6PD deficiency: check with the prescriber before infusing'),
  ...forTypes(
    'isotretinoin_6m',
    'warn',
    ['laser', 'ipl', 'chemical_peel', 'microneedling', 'microdermabrasion'],
    'Isotretinoin in the last 6 months: skin may heal more slowly; the clinic may raise this to block',
  ),
  ...forIngredients('anaesthetic_allergy', 'block', ['lidocaine', 'prilocaine', 'tetracaine', 'benzocaine'], 'Known allergy to a local anaesthetic'),
  ...forTypes(
    'active_infection',
    'block',
    ['microneedling', 'chemical_peel', 'laser', 'ipl', 'microdermabrasion', 'mesotherapy'],
    'Active infection or cold sore at the site: it can spread; treat it first',
  ),
  ...forTypes('active_infection', 'warn', ['cryotherapy'], 'Active infection at the site: do not freeze over infected skin'),
  ...forTypes('keloid_tendency', 'warn', ['microneedling', 'laser', 'chemical_peel', 'mesotherapy'], 'Keloid tendency: risk of raised scarring'),
  ...forTypes('recent_tan', 'warn', ['laser', 'ipl'], 'Recent tan: higher risk of burns and pigment change'),
  ...forTypes('recent_tan', 'warn', ['chemical_peel'], 'Recent tan: higher risk of darker patches after a peel'),
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

export const warningsOnly = (found: readonly Contraindication[]) => found.filter((c) => c.rule.level === 'warn');
