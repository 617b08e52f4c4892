import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { productCreateInput } from '../api/products';
import { logger } from '../log';
import type { Ctx } from './context';
import { createProduct } from './products';

const log = logger('catalogue');

export const STARTER_CATALOGUE = join('catalogue', 'starter-products.json');

const starterFile = z.object({ products: z.array(productCreateInput) });

/** The shipped starter catalogue, checked with the same schema as products.create. */
export function readStarterCatalogue(resourcesDir: string) {
  const file = join(resourcesDir, STARTER_CATALOGUE);
  if (!existsSync(file)) return null;
  return starterFile.parse(JSON.parse(readFileSync(file, 'utf8'))).products;
}

/** First-run step: the products a skin clinic starts with (no stock; lots are received later). */
export function seedStarterCatalogue(ctx: Ctx): void {
  const items = readStarterCatalogue(ctx.host.resourcesDir);
  if (!items) {
    log.warn(`no starter catalogue at ${join(ctx.host.resourcesDir, STARTER_CATALOGUE)}; the clinic starts with an empty catalogue`);
    return;
  }
  for (const item of items) createProduct(ctx, item);
}
