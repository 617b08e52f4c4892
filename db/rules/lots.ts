// May this lot touch a patient on this day? Pure, so point of use, pickers and reports agree.

export type LotStatus = 'active' | 'quarantined' | 'recalled';
export type LotRefusalCode = 'lot_expired' | 'lot_recalled' | 'lot_insufficient';

export interface LotRefusal {
  code: LotRefusalCode;
  message: string;
}

export interface LotFacts {
  status: LotStatus;
  /** Expiry (or beyond-use) date, YYYY-MM-DD: the lot may be used up to and including this day. */
  expiresOn: string;
  lotNumber?: string;
}

/** Quantities are kept to three decimals (0.001 mL); sums are compared in thousandths to avoid float drift. */
export const toThousandths = (q: number): number => Math.round(q * 1000);
export const fromThousandths = (t: number): number => t / 1000;
export const roundQuantity = (q: number): number => fromThousandths(toThousandths(q));

const name = (lot: LotFacts) => (lot.lotNumber ? `Lot ${lot.lotNumber}` : 'This lot');

/** True when the lot's expiry date is before the day (a lot that expires today is still usable today). */
export const isExpiredOn = (expiresOn: string, day: string): boolean => expiresOn < day;

/**
 * Why the lot may not be used for `quantity` on `sessionDate` (YYYY-MM-DD), or null when it may.
 * Checked in order of danger: withdrawn from use, then expired, then not enough left.
 * A quarantined lot is refused with `lot_recalled`: both mean "withdrawn from use", and the
 * contract's stable codes have no separate word for quarantine; the message says which it is.
 */
export function lotUsableOn(lot: LotFacts, onHand: number, quantity: number, sessionDate: string): LotRefusal | null {
  switch (lot.status) {
    case 'recalled':
      return { code: 'lot_recalled', message: `${name(lot)} has been recalled and must not be used` };
    case 'quarantined':
      return { code: 'lot_recalled', message: `${name(lot)} is quarantined and must not be used until an admin releases it` };
    case 'active':
      break;
  }
  if (isExpiredOn(lot.expiresOn, sessionDate)) {
    return { code: 'lot_expired', message: `${name(lot)} expired on ${lot.expiresOn}, before this session's date (${sessionDate})` };
  }
  if (toThousandths(quantity) > toThousandths(onHand)) {
    return { code: 'lot_insufficient', message: `${name(lot)} has only ${roundQuantity(onHand)} left; ${roundQuantity(quantity)} cannot be used` };
  }
  return null;
}

export interface PickableLot extends LotFacts {
  id: number;
  onHand: number;
}

/**
 * The lot a picker should offer first: usable on the day, enough stock, earliest expiry
 * (first expired, first out), the older lot first when two expire the same day.
 */
export function firstExpiringLot<L extends PickableLot>(lots: readonly L[], day: string, quantity = 0): L | null {
  const usable = lots.filter((l) => l.onHand > 0 && lotUsableOn(l, l.onHand, quantity, day) === null);
  usable.sort((a, b) => (a.expiresOn === b.expiresOn ? a.id - b.id : a.expiresOn < b.expiresOn ? -1 : 1));
  return usable[0] ?? null;
}

/** Whole days from `day` to the expiry date (negative once expired). Both YYYY-MM-DD. */
export function daysUntilExpiry(expiresOn: string, day: string): number {
  return Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
}

/** A calendar day shifted by whole days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The clinic's calendar day of an instant, in the host's time zone (the computer in the clinic). */
export function localDay(instant: Date): string {
  const y = instant.getFullYear();
  const m = String(instant.getMonth() + 1).padStart(2, '0');
  const d = String(instant.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
