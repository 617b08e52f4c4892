import { seedDefaultConsentTemplates } from './consent-templates';
import type { Ctx } from './context';
import { seedStarterCatalogue } from './catalogue';
import { seedDefaultQuestionnaire } from './intake';
import { seedDefaultAftercare } from './aftercare';

/**
 * What every clinic starts with, written in the same transaction as the first-run setup:
 * each area adds its own step here (default consent wording, intake questionnaire, starter catalogue).
 */
export function seedClinicDefaults(ctx: Ctx): void {
  seedDefaultConsentTemplates(ctx);
  seedStarterCatalogue(ctx);
  seedDefaultQuestionnaire(ctx);
  seedDefaultAftercare(ctx);
}
