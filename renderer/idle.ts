// Watching for a person at the screen. Time is read from the clock at each check, so a computer that
// slept, or a background tab whose timers were slowed, still locks on time.
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Calls `onIdle` once nobody has used the page for `limitMs`. Returns a function that stops watching. */
export function watchIdle(limitMs: number, onIdle: () => void, target: Window = window): () => void {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const check = () => {
    if (stopped) return;
    const left = last + limitMs - Date.now();
    if (left <= 0) {
      stop();
      onIdle();
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, Math.min(left, 60_000));
  };
  const active = () => {
    last = Date.now();
  };
  const visible = () => {
    if (target.document.visibilityState === 'visible') check();
  };
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const e of ACTIVITY) target.removeEventListener(e, active, true);
    target.document.removeEventListener('visibilitychange', visible);
  };
  for (const e of ACTIVITY) target.addEventListener(e, active, { capture: true, passive: true });
  target.document.addEventListener('visibilitychange', visible);
  check();
  return stop;
}
