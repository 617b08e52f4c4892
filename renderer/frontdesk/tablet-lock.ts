import { useSyncExternalStore } from 'react';

// While a patient holds the tablet, the whole app shows only their questionnaire. Kept in
// sessionStorage next to the sign-in, so a reload or a typed address does not escape it.
const KEY = 'skinchart.tabletIntake';

export interface TabletLock {
  patientId: number;
  /** What the patient sees at the top: their first name and initial. */
  greeting: string;
}

const listeners = new Set<() => void>();
let cachedRaw: string | null = null;
let cached: TabletLock | null = null;

const read = (): TabletLock | null => {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      cached = raw ? (JSON.parse(raw) as TabletLock) : null;
    } catch {
      cached = null;
    }
  }
  return cached;
};

const notify = () => listeners.forEach((l) => l());

export const startTabletIntake = (lock: TabletLock) => {
  sessionStorage.setItem(KEY, JSON.stringify(lock));
  notify();
};

/** Ends tablet mode; only after a staff member's password was checked. */
export const endTabletIntake = () => {
  sessionStorage.removeItem(KEY);
  notify();
};

export const useTabletLock = (): TabletLock | null =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
  );
