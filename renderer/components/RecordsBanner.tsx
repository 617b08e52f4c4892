import { Alert } from '@mantine/core';
import { TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { call } from '../client';

// The host reads every page of the records file after it starts; on a large file that takes a second or
// two. If it finds damage, it saves nothing more and this banner says so on every screen.
const WHILE_CHECKING_MS = 2_000;
const AFTERWARDS_MS = 60_000;

export function RecordsBanner() {
  const [damage, setDamage] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const look = async () => {
      let next = AFTERWARDS_MS;
      try {
        const status = await call('auth.status', {});
        setDamage(status.damage ?? null);
        if (status.checking) next = WHILE_CHECKING_MS;
      } catch {
        // Unreachable or locked: the screens say so themselves.
      }
      if (!stopped) timer = setTimeout(() => void look(), next);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (!damage) return null;
  return (
    <Alert role="alert" color="red" variant="filled" radius={0} icon={<TriangleAlert size={22} />} title="The records file is damaged: nothing can be saved">
      {damage}
    </Alert>
  );
}
