// Drafts save themselves: a short pause after each change, at once when the window is hidden or
// closed, and a local copy (sessionStorage) holds every change until the host has it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldIssue } from '../../db/api';
import type { Session } from '../../db/api/sessions';
import { call, CommandError } from '../client';
import { changesOf, dropLocalCopy, writeLocalCopy, type ChartForm } from './chart-form';

export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** The host refused the save (a field is wrong); the local copy keeps everything. */
  | { kind: 'refused'; message: string; issues: FieldIssue[] }
  /** The host could not be reached; the local copy keeps everything and saving is retried. */
  | { kind: 'offline'; message: string }
  /** Someone saved a newer version; nothing was overwritten. */
  | { kind: 'conflict'; message: string }
  | { kind: 'locked'; message: string };

const DEBOUNCE_MS = 700;
const RETRY_MS = 5000;

export interface Autosave {
  state: SaveState;
  /** Problems the form itself found (a value out of range): shown next to the field, not sent. */
  localProblems: FieldIssue[];
  change(form: ChartForm): void;
  /** Saves now (a "now" button, signing, leaving the screen). Resolves with the saved session. */
  flush(): Promise<Session | null>;
  /** After a conflict: start again from the version now saved. */
  rebase(session: Session): void;
  /** Every change made so far has reached the host. */
  isClean(): boolean;
  /** Why the last save was refused, if it was. */
  lastRefusal(): CommandError | null;
}

export function useAutosave(initial: Session, onSaved: (s: Session) => void): Autosave {
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: initial.updatedAt });
  const [localProblems, setLocalProblems] = useState<FieldIssue[]>([]);
  const version = useRef(initial.version);
  const form = useRef<ChartForm | null>(null);
  const edits = useRef(0);
  const savedEdits = useRef(0);
  const refusal = useRef<CommandError | null>(null);
  const saving = useRef<Promise<Session | null> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const id = initial.id;
  const type = initial.treatmentType;

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const saveOnce = useCallback(async (): Promise<Session | null> => {
    if (!form.current || stopped.current) return null;
    const sentAt = edits.current;
    const { changes, problems } = changesOf(type, form.current);
    setLocalProblems(problems);
    setState({ kind: 'saving' });
    refusal.current = null;
    try {
      const saved = await call('sessions.update', { id, version: version.current, ...changes });
      version.current = saved.version;
      savedEdits.current = sentAt;
      if (edits.current === sentAt) {
        dropLocalCopy(sessionStorage, id);
        setState({ kind: 'saved', at: saved.updatedAt });
      } else {
        writeLocalCopy(sessionStorage, { sessionId: id, baseVersion: saved.version, form: form.current, at: new Date().toISOString() });
      }
      onSavedRef.current(saved);
      return saved;
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      refusal.current = e;
      if (e.code === 'conflict') {
        stopped.current = true;
        setState({ kind: 'conflict', message: e.message });
      } else if (e.code === 'locked') {
        stopped.current = true;
        setState({ kind: 'locked', message: e.message });
      } else if (e.code === 'internal' || e.code === 'network' || e.code === 'unauthenticated') {
        setState({ kind: 'offline', message: e.message });
        clearTimer();
        timer.current = setTimeout(() => void flushRef.current(), RETRY_MS);
      } else {
        setState({ kind: 'refused', message: e.message, issues: e.issues });
      }
      return null;
    }
  }, [id, type]);

  const flush = useCallback(async (): Promise<Session | null> => {
    clearTimer();
    // One save at a time, each from the version the last one returned; a change made meanwhile is saved after.
    while (saving.current) await saving.current;
    const run = saveOnce();
    saving.current = run;
    try {
      return await run;
    } finally {
      saving.current = null;
    }
  }, [saveOnce]);
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const change = useCallback(
    (next: ChartForm) => {
      form.current = next;
      edits.current++;
      writeLocalCopy(sessionStorage, { sessionId: id, baseVersion: version.current, form: next, at: new Date().toISOString() });
      if (stopped.current) return;
      setState({ kind: 'pending' });
      clearTimer();
      timer.current = setTimeout(() => void flushRef.current(), DEBOUNCE_MS);
    },
    [id],
  );

  const rebase = useCallback((session: Session) => {
    version.current = session.version;
    stopped.current = false;
    setState({ kind: 'saved', at: session.updatedAt });
  }, []);

  useEffect(() => {
    const leave = () => {
      if (timer.current) void flushRef.current();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', leave);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', leave);
      // Leaving the screen inside the app: what was typed last still goes to the host.
      leave();
    };
  }, []);

  const isClean = useCallback(() => savedEdits.current === edits.current, []);

  const lastRefusal = useCallback(() => refusal.current, []);

  return { state, localProblems, change, flush, rebase, isClean, lastRefusal };
}
