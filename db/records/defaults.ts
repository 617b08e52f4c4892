import { seedDefaultConsentTemplates } from './consent-templates';
import type { Ctx } from './context';
import { seedStarterCatalogue } from './catalogue';
import { seedDefaultAftercare } from './aftercare';

/**
 * What every clinic starts with, written in the same transaction as the first-run setup:
 * each area adds its own step here (default consent wording, intake questionnaire, starter catalogue).
 */
export function seedClinicDefaults(ctx: Ctx): void {
  void ctx;
  seedDefaultConsentTemplates(ctx);
  seedStarterCatalogue(ctx);
  seedDefaultAftercare(ctx);
}
