import { Alert } from '@mantine/core';
import { ShieldCheck, TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { call } from '../client';

// The host reads every page of the records file after it starts; on a large file that takes a few seconds,
// and anything that saves (a sign-in too) waits for it. While it reads, a quiet note says why a save waits;
// if it finds damage, it saves nothing more and this banner says so on every screen.
const WHILE_CHECKING_MS = 1_000;
const AFTERWARDS_MS = 60_000;

export function RecordsBanner() {
  const [damage, setDamage] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let checkingSeen = false;
    const look = async () => {
      let next = AFTERWARDS_MS;
      try {
        const status = await call('auth.status', {});
        setDamage(status.damage ?? null);
        // Shown only when still checking a second later: on a small file the check is over before that,
        // and a note that flashes and moves the screen helps nobody.
        setChecking(status.checking === true && checkingSeen);
        checkingSeen = status.checking === true;
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
  if (!damage && checking) {
    return (
      <Alert role="status" color="blue" variant="light" radius={0} icon={<ShieldCheck size={20} />}>
        Checking the records file after start. Signing in and saving wait until it is done; this takes a few seconds.
      </Alert>
    );
  }
  if (!damage) return null;
  return (
    <Alert role="alert" color="red" variant="filled" radius={0} icon={<TriangleAlert size={22} />} title="The records file is damaged: nothing can be saved">
      {damage}
    </Alert>
  );
}
