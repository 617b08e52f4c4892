import { z } from 'zod';
import { gtinProblem } from '../rules/gs1';
import { adminOnly, command, staff } from './command';
import { optionalText, productKind, recordId, requiredText, version } from './fields';

/** An amount of a product, in its unit: above zero, at most three decimals (0.001 mL). */
export const quantity = z
  .number({ error: 'must be a number' })
  .gt(0, { error: 'must be more than zero' })
  .max(100_000, { error: 'must be at most 100000' })
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, { error: 'may have at most 3 decimal places' });

/** An ingredient as contraindication rules name it: lower case words joined by underscores. */
export const ingredient = z
  .string({ error: 'must be text' })
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/[\s-]+/g, '_'))
  .pipe(
    z
      .string()
      .min(1, { error: 'is required' })
      .max(60, { error: 'must be at most 60 characters' })
      .regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a name like lidocaine or kojic_acid (letters, digits, underscores)' }),
  );

export const ingredients = z.array(ingredient, { error: 'must be a list of ingredients' }).max(30, { error: 'must have at most 30 ingredients' });

/** A GTIN as printed (8, 12, 13 or 14 digits), kept as the 14-digit form a scanner reads. */
export const gtin = z
  .string({ error: 'must be text' })
  .trim()
  .superRefine((v, ctx) => {
    const problem = gtinProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((v) => v.padStart(14, '0'));

const reorderLevel = z.number({ error: 'must be a number' }).min(0, { error: 'must be zero or more' }).max(100_000, { error: 'must be at most 100000' });

const clearable = <T extends z.ZodType>(s: T) => s.nullable().optional();

const productFields = {
  name: requiredText(120),
  kind: productKind,
  manufacturer: optionalText(120),
  strength: optionalText(60),
  unit: requiredText(30),
  ingredients: ingredients.optional(),
  gtin: gtin.optional(),
  /** NDC or another national / supplier code. */
  code: optionalText(40),
  defaultQuantity: quantity.optional(),
  /** Compounded or office-use: lots carry a beyond-use date, and the pharmacy is named. */
  compounded: z.boolean({ error: 'must be true or false' }).optional(),
  compoundingPharmacy: optionalText(120),
  reorderLevel: reorderLevel.optional(),
};

export const productCreateInput = z.strictObject(productFields).superRefine((v, ctx) => {
  if (v.compounded && !v.compoundingPharmacy) {
    ctx.addIssue({ code: 'custom', path: ['compoundingPharmacy'], message: 'is required for a compounded or office-use item' });
  }
});

export const productUpdateInput = z.strictObject({
  id: recordId,
  version,
  name: productFields.name.optional(),
  kind: productKind.optional(),
  manufacturer: clearable(requiredText(120)),
  strength: clearable(requiredText(60)),
  unit: productFields.unit.optional(),
  ingredients: ingredients.optional(),
  gtin: clearable(gtin),
  code: clearable(requiredText(40)),
  defaultQuantity: clearable(quantity),
  compounded: z.boolean({ error: 'must be true or false' }).optional(),
  compoundingPharmacy: clearable(requiredText(120)),
  reorderLevel: clearable(reorderLevel),
  /** False retires the product: it leaves the pickers, its lots and history stay. */
  active: z.boolean({ error: 'must be true or false' }).optional(),
});

export const product = z.object({
  id: z.number(),
  name: z.string(),
  kind: productKind,
  manufacturer: z.string().nullable(),
  strength: z.string().nullable(),
  unit: z.string(),
  ingredients: z.array(z.string()),
  gtin: z.string().nullable(),
  code: z.string().nullable(),
  defaultQuantity: z.number().nullable(),
  compounded: z.boolean(),
  compoundingPharmacy: z.string().nullable(),
  reorderLevel: z.number().nullable(),
  active: z.boolean(),
  /** Usable stock today: active lots, in date, summed from the ledger. */
  onHand: z.number(),
  /** Lots of this product with stock, whatever their status or date. */
  lotsInStock: z.number(),
  /** Usable stock is at or below the reorder level. */
  lowStock: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Product = z.infer<typeof product>;

export const productCommands = [
  command({ name: 'products.create', kind: 'write', access: adminOnly, input: productCreateInput, output: product }),
  command({ name: 'products.update', kind: 'write', access: adminOnly, input: productUpdateInput, output: product }),
  command({
    name: 'products.list',
    kind: 'read',
    access: staff,
    input: z.strictObject({
      includeRetired: z.boolean({ error: 'must be true or false' }).optional(),
      kind: productKind.optional(),
    }),
    output: z.object({ items: z.array(product) }),
  }),
] as const;
