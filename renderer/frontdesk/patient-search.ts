import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { PatientSummary } from '../../db/api/patients';
import { call } from '../client';

/** Search results for what is being typed; null while nothing is typed. Stale answers are dropped. */
export function usePatientSearch(query: string, limit = 8): PatientSummary[] | null {
  const [debounced] = useDebouncedValue(query, 120);
  const [results, setResults] = useState<PatientSummary[] | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    if (!debounced.trim()) return setResults(null);
    call('patients.search', { query: debounced, limit })
      .then(({ items }) => ticket === latest.current && setResults(items))
      .catch(() => ticket === latest.current && setResults([]));
  }, [debounced, limit]);
  return results;
}

export const patientLine = (p: PatientSummary) => `${p.lastName}, ${p.firstName}`;
