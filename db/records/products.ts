import { and, eq } from 'drizzle-orm';
import type { Product } from '../api/products';
import { fieldError, notFound, staleVersion } from '../errors';
import { prepared } from '../prepared';
import { localDay } from '../rules/lots';
import { products } from '../schema';
import type { Ctx } from './context';
import { handlers } from './registry';
import { noNegativeZero } from './stock';

type ProductRow = Omit<Product, 'ingredients' | 'compounded' | 'active' | 'lowStock'> & { ingredients: string; compounded: number; active: number };

// Usable stock: active lots still in date on `today`; in stock: any lot with something on the shelf.
const PRODUCT_VIEW = `SELECT p.id, p.name, p.kind, p.manufacturer, p.strength, p.unit, p.ingredients, p.gtin, p.code,
    p.default_quantity AS defaultQuantity, p.compounded, p.compounding_pharmacy AS compoundingPharmacy,
    p.reorder_level AS reorderLevel, p.active, p.created_at AS createdAt, p.updated_at AS updatedAt, p.version,
    (SELECT coalesce(sum(b.on_hand), 0) / 1000.0 FROM lots l JOIN lot_balances b ON b.lot_id = l.id
      WHERE l.product_id = p.id AND l.status = 'active' AND l.expires_on >= @today) AS onHand,
    (SELECT count(*) FROM lots l JOIN lot_balances b ON b.lot_id = l.id WHERE l.product_id = p.id AND b.on_hand > 0) AS lotsInStock
  FROM products p`;

const toProduct = (r: ProductRow): Product => {
  const active = r.active === 1;
  return {
    ...r,
    onHand: noNegativeZero(r.onHand),
    ingredients: JSON.parse(r.ingredients) as string[],
    compounded: r.compounded === 1,
    active,
    lowStock: active && r.reorderLevel !== null && r.onHand <= r.reorderLevel,
  };
};

export function productViews(ctx: Pick<Ctx, 'sql' | 'now'>, where: string, params: Record<string, unknown>): Product[] {
  const rows = prepared(ctx.sql, `${PRODUCT_VIEW} WHERE ${where} ORDER BY p.name COLLATE NOCASE, p.id`).all({ ...params, today: localDay(ctx.now) }) as ProductRow[];
  return rows.map(toProduct);
}

export function productView(ctx: Pick<Ctx, 'sql' | 'now'>, id: number): Product {
  const p = productViews(ctx, 'p.id = @id', { id })[0];
  if (!p) throw notFound('product', id);
  return p;
}

/** A GTIN names one product: refuse it when another product already has it. */
export function assertGtinFree(ctx: Pick<Ctx, 'sql'>, gtin: string, exceptId: number | null): void {
  const other = prepared(ctx.sql, 'SELECT id, name FROM products WHERE gtin = ? AND id IS NOT ?').get(gtin, exceptId) as { id: number; name: string } | undefined;
  if (other) throw fieldError('gtin', `is already the GTIN of ${other.name}`);
}

export interface NewProduct {
  name: string;
  kind: Product['kind'];
  manufacturer?: string | undefined;
  strength?: string | undefined;
  unit: string;
  ingredients?: string[] | undefined;
  gtin?: string | undefined;
  code?: string | undefined;
  defaultQuantity?: number | undefined;
  compounded?: boolean | undefined;
  compoundingPharmacy?: string | undefined;
  reorderLevel?: number | undefined;
}

/** Adds a product to the catalogue and audits it (first-run seeding uses this too). */
export function createProduct(ctx: Ctx, input: NewProduct): Product {
  if (input.gtin) assertGtinFree(ctx, input.gtin, null);
  const row = ctx.orm
    .insert(products)
    .values({ ...input, ingredients: [...new Set(input.ingredients ?? [])], createdAt: ctx.nowIso, updatedAt: ctx.nowIso })
    .returning({ id: products.id })
    .get();
  ctx.audit({ action: 'products.create', entity: 'product', entityId: row.id, change: input });
  return productView(ctx, row.id);
}

export const productHandlers = handlers({
  'products.create': (ctx, input) => createProduct(ctx, input),

  'products.update': (ctx, input) => {
    const current = ctx.orm.select().from(products).where(eq(products.id, input.id)).get();
    if (!current) throw notFound('product', input.id);
    if (current.version !== input.version) throw staleVersion('This product');
    const { id, version, ...changes } = input;
    if (changes.gtin) assertGtinFree(ctx, changes.gtin, id);
    const compounded = changes.compounded ?? current.compounded;
    const pharmacy = changes.compoundingPharmacy === undefined ? current.compoundingPharmacy : changes.compoundingPharmacy;
    if (compounded && !pharmacy) throw fieldError('compoundingPharmacy', 'is required for a compounded or office-use item');
    const updated = ctx.orm
      .update(products)
      .set({
        ...changes,
        ...(changes.ingredients && { ingredients: [...new Set(changes.ingredients)] }),
        updatedAt: ctx.nowIso,
        version: version + 1,
      })
      .where(and(eq(products.id, id), eq(products.version, version)))
      .returning({ id: products.id })
      .get();
    if (!updated) throw staleVersion('This product');
    ctx.audit({ action: 'products.update', entity: 'product', entityId: id, change: changes });
    return productView(ctx, id);
  },

  'products.list': (ctx, input) => {
    const where = ['1 = 1'];
    if (!input.includeRetired) where.push('p.active = 1');
    if (input.kind) where.push('p.kind = @kind');
    return { items: productViews(ctx, where.join(' AND '), input.kind ? { kind: input.kind } : {}) };
  },
});
