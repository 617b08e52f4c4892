// The appointment book's arithmetic: the clinic's local day, and when two bookings overlap.

const pad = (n: number) => String(n).padStart(2, '0');

/** The clinic's calendar day (the host's local time zone) of an instant, as YYYY-MM-DD. */
export const localDateOf = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The first instant of a local day and of the day after it (23 or 25 hours apart on clock-change days). */
export function localDayBounds(date: string): { start: Date; end: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { start: new Date(y, m - 1, d), end: new Date(y, m - 1, d + 1) };
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

/** Two bookings overlap when each starts before the other ends; back-to-back is fine. */
export const overlaps = (a: Slot, b: Slot): boolean =>
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(a.endsAt) > Date.parse(b.startsAt);

/** A room name as compared for double booking: case and spacing do not make a different room. */
export const roomKey = (room: string): string => room.trim().replace(/\s+/g, ' ').toLowerCase();
