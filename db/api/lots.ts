import { z } from 'zod';
import { adminOnly, clinical, command } from './command';
import { calendarDate, instant, optionalText, productKind, recordId, requiredText } from './fields';
import { gtin, quantity } from './products';

export const lotStatuses = ['active', 'quarantined', 'recalled'] as const;
export const lotStatus = z.enum(lotStatuses, { error: 'must be active, quarantined or recalled' });
export type LotStatus = (typeof lotStatuses)[number];

export const lotNumber = requiredText(40).regex(/^[^\u0000-\u001f\u007f]+$/, { error: 'must not contain control characters; scan into the barcode field instead' });

/** Why stock was withdrawn, wasted or recounted: always required, kept with the record. */
export const reason = requiredText(500);

export const lot = z.object({
  id: z.number(),
  productId: z.number(),
  productName: z.string(),
  productKind: productKind,
  unit: z.string(),
  /** The product is compounded / office-use: `expiresOn` is a beyond-use date. */
  compounded: z.boolean(),
  lotNumber: z.string(),
  /** Expiry or beyond-use date: usable up to and including this day. */
  expiresOn: z.string(),
  status: lotStatus,
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  supplier: z.string().nullable(),
  invoice: z.string().nullable(),
  /** The first delivery of this lot. */
  receivedOn: z.string(),
  /** Sum of the ledger. */
  onHand: z.number(),
  received: z.number(),
  used: z.number(),
  /** Expired on the host's today. */
  expired: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lot = z.infer<typeof lot>;

export const ledgerKind = z.enum(['receive', 'use', 'waste', 'adjust']);

export const ledgerEntry = z.object({
  id: z.number(),
  kind: ledgerKind,
  /** Signed: receipts add, uses and waste take away, counts either. */
  quantity: z.number(),
  /** On hand after this movement. */
  balance: z.number(),
  reason: z.string().nullable(),
  sessionId: z.number().nullable(),
  receivedOn: z.string().nullable(),
  supplier: z.string().nullable(),
  invoice: z.string().nullable(),
  at: z.string(),
  userName: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

export const lotReceiveInput = z.strictObject({
  productId: recordId,
  lotNumber,
  /** Expiry, or beyond-use date for compounded items. */
  expiresOn: calendarDate,
  quantity,
  supplier: optionalText(120),
  invoice: optionalText(60),
  /** Defaults to today. */
  receivedOn: calendarDate.optional(),
  /** The GTIN read from the box; must be the product's (a product without one learns it). */
  gtin: gtin.optional(),
});

export const lotAdjustInput = z.discriminatedUnion(
  'kind',
  [
    /** Stock taken off the shelf: expired and discarded, broken, contaminated, returned. */
    z.strictObject({ lotId: recordId, kind: z.literal('waste'), quantity, reason }),
    /** A shelf count: the ledger is corrected to what was counted. */
    z.strictObject({
      lotId: recordId,
      kind: z.literal('count'),
      counted: z.number({ error: 'must be a number' }).min(0, { error: 'must be zero or more' }).max(100_000, { error: 'must be at most 100000' }),
      reason,
    }),
  ],
  { error: 'must be waste or count' },
);

const lotAction = z.strictObject({ lotId: recordId, reason });

/** A calendar day (whole day, clinic time) or an exact instant. */
const dayOrInstant = z.union([calendarDate, instant], { error: 'must be a date (YYYY-MM-DD) or a date and time with offset' });

export const lotRecipientsInput = z
  .strictObject({
    lotId: recordId.optional(),
    lotNumber: lotNumber.optional(),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.lotId === undefined) === (v.lotNumber === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['lotNumber'], message: 'give either a lot number or a lot id' });
    }
  });

export const recipientPatient = z.object({
  id: z.number(),
  chartNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  archivedAt: z.string().nullable(),
});

export const recipient = z.object({
  patient: recipientPatient,
  sessionId: z.number(),
  performedAt: z.string(),
  treatmentType: z.string(),
  /** Total used from this lot in the session. */
  quantity: z.number(),
  unit: z.string(),
  lotId: z.number(),
  lotNumber: z.string(),
  productName: z.string(),
});
export type Recipient = z.infer<typeof recipient>;

export const lotCommands = [
  command({ name: 'lots.receive', kind: 'write', access: adminOnly, input: lotReceiveInput, output: lot }),
  command({ name: 'lots.adjust', kind: 'write', access: adminOnly, input: lotAdjustInput, output: lot }),
  /** Anyone who charts may pull a doubtful lot from use at once; only an admin releases it. */
  command({ name: 'lots.quarantine', kind: 'write', access: clinical, input: lotAction, output: lot }),
  command({ name: 'lots.release', kind: 'write', access: adminOnly, input: lotAction, output: lot }),
  command({ name: 'lots.recall', kind: 'write', access: adminOnly, input: lotAction, output: lot }),
  command({
    name: 'lots.list',
    kind: 'read',
    access: clinical,
    input: z.strictObject({
      productId: recordId.optional(),
      /** Lots whose expiry is within this many days from today, already expired ones included. */
      expiringWithinDays: z.int({ error: 'must be a whole number of days' }).min(0, { error: 'must be zero or more' }).max(3650, { error: 'must be at most 3650' }).optional(),
      /** Also lots with nothing on hand (default: only lots with stock). */
      includeEmpty: z.boolean({ error: 'must be true or false' }).optional(),
      status: lotStatus.optional(),
      lotNumber: lotNumber.optional(),
    }),
    output: z.object({ items: z.array(lot) }),
  }),
  command({
    name: 'lots.get',
    kind: 'read',
    access: clinical,
    input: z.strictObject({ id: recordId }),
    output: z.object({ lot, ledger: z.array(ledgerEntry) }),
  }),
  /** Who received a lot: opens patients' contact details, so it is audited per patient. */
  command({
    name: 'lots.recipients',
    kind: 'view',
    access: clinical,
    input: lotRecipientsInput,
    output: z.object({
      lots: z.array(lot.pick({ id: true, productName: true, lotNumber: true, expiresOn: true, status: true, unit: true })),
      items: z.array(recipient),
    }),
  }),
] as const;
