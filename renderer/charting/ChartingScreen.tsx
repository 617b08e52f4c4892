import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CloudOff, FileText, HeartPulse, Printer } from 'lucide-react';
import { useCallback, useEffect, useEffectEvent, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { FieldIssue } from '../../db/api';
import type { Session } from '../../db/api/sessions';
import { chartWarnings } from '../../db/rules/chart';
import { mappedTreatments } from '../../db/rules/treatment-parameters';
import { localDay } from '../../db/rules/lots';
import { call, CommandError } from '../client';
import { quantityWithUnit } from '../inventory/format';
import { LotPicker } from '../inventory/SessionProducts';
import { useUser } from '../session';
import { AddendumForm } from './Addenda';
import { AreasMap } from './AreasMap';
import { changesOf, dropLocalCopy, formOf, fromLocalInput, readLocalCopy, restorePlan, type ChartForm, type LocalCopy } from './chart-form';
import { clock, treatmentName, when } from './labels';
import { NumbingStep } from './NumbingStep';
import { ParameterFields, TimeField } from './ParameterFields';
import { SafetyPanel } from './SafetyPanel';
import { SessionSheet } from './SessionSheet';
import { SignPanel } from './SignPanel';
import { useAutosave, type SaveState } from './useAutosave';
import type { ClinicSettings } from '../../db/api/settings';

const sentence = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function SaveIndicator({ state, held }: { state: SaveState; held: number }) {
  const text = (() => {
    switch (state.kind) {
      case 'saved':
        if (held) return `Saved, except ${held === 1 ? 'the field' : `${held} fields`} marked in red`;
        return state.at ? `All changes saved ${clock(state.at)}` : 'All changes saved';
      case 'pending':
        return 'Changes not saved yet…';
      case 'saving':
        return 'Saving…';
      case 'refused':
        return 'Not saved: correct the fields marked in red';
      case 'offline':
        return 'Not saved: Skinchart cannot be reached. Your changes are kept on this screen and will be saved.';
      case 'conflict':
        return 'Not saved: changed elsewhere';
      case 'locked':
        return 'Not saved: the session is signed';
    }
  })();
  const colour = state.kind === 'saved' && !held ? 'teal' : state.kind === 'pending' || state.kind === 'saving' ? 'gray' : 'red';
  return (
    <Text role="status" aria-live="polite" c={colour} fw={500} size="sm">
      {state.kind === 'offline' && <CloudOff size={16} style={{ verticalAlign: 'text-bottom' }} />} {text}
    </Text>
  );
}

function Header({ session, extra }: { session: Session; extra?: ReactNode }) {
  const p = session.patient;
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={1} size="h2">
          {treatmentName(session.treatmentType)}: {p.firstName} {p.lastName}
        </Title>
        <Group gap="xs">
          <Text c="dimmed">
            {p.chartNumber} · born {p.dateOfBirth} · {when(session.performedAt)}
          </Text>
          <Badge variant="light" color={session.status === 'signed' ? 'gray' : 'teal'}>
            {session.status === 'signed' ? 'Signed' : 'Draft'}
          </Badge>
          <Anchor href={`#/patients/${session.patientId}`}>Patient record</Anchor>
        </Group>
      </div>
      {extra}
    </Group>
  );
}

function ProductsUsed({ session }: { session: Session }) {
  if (session.products.length === 0) return <Text c="dimmed">No product recorded yet.</Text>;
  return (
    <Table verticalSpacing="sm" aria-label="Products used in this session">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th>Lot</Table.Th>
          <Table.Th>Expires</Table.Th>
          <Table.Th>Quantity</Table.Th>
          <Table.Th>Area</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {session.products.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>{p.productName}</Table.Td>
            <Table.Td>{p.lotNumber}</Table.Td>
            <Table.Td>{p.expiresOn}</Table.Td>
            <Table.Td>{quantityWithUnit(p.quantity, p.unit)}</Table.Td>
            <Table.Td>{p.area ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Printing the summary and giving the aftercare sheet; earlier sheets can be reprinted as given. */
function PrintActions({ session, beforeLeaving }: { session: Session; beforeLeaving(): Promise<unknown> }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const give = async () => {
    setBusy(true);
    try {
      await beforeLeaving();
      const sheet = await call('aftercare.give', { sessionId: session.id });
      navigate(`/aftercare/${sheet.id}`);
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="lg" className="no-print">
      <Stack>
        <Title order={2} size="h3">
          Print
        </Title>
        <Group>
          <Button
            size="lg"
            variant="default"
            leftSection={<Printer size={18} />}
            onClick={() =>
              void beforeLeaving()
                .then(() => navigate(`/sessions/${session.id}/summary`))
                .catch(() => undefined)
            }
          >
            Print the session summary
          </Button>
          <Button size="lg" variant="default" leftSection={<HeartPulse size={18} />} loading={busy} onClick={() => void give()}>
            Give the aftercare sheet
          </Button>
        </Group>
        {session.aftercare.length > 0 && (
          <div>
            <Text fw={500}>Aftercare given</Text>
            {session.aftercare.map((a) => (
              <Text key={a.id}>
                <FileText size={14} /> {a.title ?? 'Aftercare'} (version {a.version}), {when(a.at)} by {a.userName ?? '—'} · <Anchor href={`#/aftercare/${a.id}`}>Reprint</Anchor>
              </Text>
            ))}
          </div>
        )}
      </Stack>
    </Paper>
  );
}

/** Minutes tick on screen (numbing timer, warnings). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function DraftChart({ initial, onSigned, reload }: { initial: Session; onSigned(s: Session): void; reload(): Promise<void> }) {
  const user = useUser();
  const [session, setSession] = useState(initial);
  const [form, setForm] = useState<ChartForm>(() => formOf(initial));
  const [found, setFound] = useState<LocalCopy | null>(null);
  const autosave = useAutosave(initial, setSession);
  const now = useNow();
  const type = session.treatmentType;

  const update = (f: ChartForm) => {
    setForm(f);
    autosave.change(f);
  };

  // A local copy left by a save that did not reach the host: saved now, or offered if the chart moved on.
  const restoreOnOpen = useEffectEvent(() => {
    const copy = readLocalCopy(sessionStorage, initial.id);
    switch (restorePlan(copy, initial)) {
      case 'resume':
        update(copy!.form);
        notifications.show({ color: 'teal', message: `Unsaved changes from ${clock(copy!.at)} were restored and are being saved` });
        break;
      case 'ask':
        setFound(copy);
        break;
      case 'none':
        if (copy) dropLocalCopy(sessionStorage, initial.id);
        break;
    }
  });
  useEffect(() => restoreOnOpen(), []);

  const issues: FieldIssue[] = [...autosave.localProblems, ...(autosave.state.kind === 'refused' ? autosave.state.issues : [])];
  const problem = (path: string) => {
    const m = issues.find((i) => i.path === path)?.message;
    return m ? sentence(m) : undefined;
  };
  const { changes } = useMemo(() => changesOf(type, form), [type, form]);
  const warnings = chartWarnings({ parameters: changes.parameters, numbing: changes.numbing }, now);
  const day = localDay(new Date(fromLocalInput(form.performedAt) ?? session.performedAt));

  const beforeSign = async (): Promise<Session> => {
    const saved = await autosave.flush();
    if (!autosave.isClean() || autosave.localProblems.length) throw new CommandError('invalid_input', 'Some changes are not saved yet: correct the fields marked in red, then sign');
    return saved ?? session;
  };

  const keepMine = async () => {
    const latest = await call('sessions.get', { id: session.id });
    setSession(latest);
    autosave.rebase(latest);
    autosave.change(form);
    setFound(null);
  };
  const discardMine = async () => {
    dropLocalCopy(sessionStorage, session.id);
    await reload();
  };

  const state = autosave.state;
  return (
    <Stack maw={1100} gap="lg">
      <Header session={session} extra={<SaveIndicator state={state} held={autosave.localProblems.length} />} />
      {(state.kind === 'conflict' || found) && (
        <Alert color="orange" variant="filled" title="This session was changed in another window or by someone else" role="alert">
          <Stack gap="xs">
            <Text c="white">
              {found ? `Changes made here at ${clock(found.at)} were not saved, and the chart has been saved since.` : 'Nothing was overwritten. Your changes are still on this screen.'}
            </Text>
            <Group>
              <Button color="white" variant="white" c="orange.9" onClick={() => void discardMine()}>
                Reload the saved version
              </Button>
              <Button
                variant="outline"
                color="white"
                onClick={() =>
                  void (found
                    ? call('sessions.get', { id: session.id }).then((latest) => {
                        setSession(latest);
                        autosave.rebase(latest);
                        update(found.form);
                        setFound(null);
                      })
                    : keepMine())
                }
              >
                Keep my changes and save them
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {state.kind === 'locked' && (
        <Alert color="red" title="This session has been signed" role="alert">
          {state.message}{' '}
          <Button variant="white" size="xs" onClick={() => void discardMine()}>
            Show the signed chart
          </Button>
        </Alert>
      )}
      <SafetyPanel session={session} warnings={warnings} />
      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h3">
            Session
          </Title>
          <TimeField label="Date and time of the session" value={form.performedAt} onChange={(v) => update({ ...form, performedAt: v })} error={problem('performedAt')} />
        </Stack>
      </Paper>
      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h3">
            Treatment record
          </Title>
          <ParameterFields type={type} form={form} onChange={update} problem={(p) => problem(`parameters.${p}`)} />
        </Stack>
      </Paper>
      <NumbingStep
        value={form.numbing}
        recorded={session.numbing}
        day={day}
        onChange={(n) => update({ ...form, numbing: n })}
        onRecord={async (n) => {
          const next = { ...form, numbing: n };
          update(next);
          if (await autosave.flush()) return null;
          // Refused (an expired lot, too little left): the choice is undone so the rest of the chart keeps saving.
          const refused = autosave.lastRefusal();
          update({ ...next, numbing: { ...n, lotId: '' } });
          const issue = refused?.issues.find((i) => i.path.startsWith('numbing.'));
          return issue ? sentence(issue.message) : (refused?.message ?? 'The cream could not be recorded');
        }}
        problem={problem}
      />
      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h3">
            Products used
          </Title>
          <ProductsUsed session={session} />
        </Stack>
      </Paper>
      <LotPicker session={session} onAdded={setSession} />
      {mappedTreatments.includes(type) && (
        <AreasMap treatmentType={type} marks={form.areas} products={session.products} onChange={(areas) => update({ ...form, areas })} issues={issues} />
      )}
      <Paper withBorder p="lg">
        <Textarea label="Notes" description="Anything the next practitioner should know" autosize minRows={3} value={form.notes} onChange={(e) => update({ ...form, notes: e.currentTarget.value })} error={problem('notes')} />
      </Paper>
      <SignPanel
        session={session}
        canSign={user.role === 'practitioner'}
        beforeSign={beforeSign}
        onSigned={(s) => {
          dropLocalCopy(sessionStorage, s.id);
          notifications.show({ color: 'teal', message: 'Chart signed and locked' });
          onSigned(s);
        }}
      />
      <PrintActions session={session} beforeLeaving={() => autosave.flush()} />
    </Stack>
  );
}

function SignedChart({ session, onChange }: { session: Session; onChange(s: Session): void }) {
  const user = useUser();
  const [settings, setSettings] = useState<ClinicSettings | null>(null);
  useEffect(() => {
    void call('settings.get', {}).then(setSettings);
  }, []);
  return (
    <Stack maw={1100} gap="lg">
      <Header session={session} extra={<Text c="dimmed">Signed {when(session.signedAt!)} by {session.signedByName}</Text>} />
      <SafetyPanel session={session} warnings={session.checks.warnings} />
      <PrintActions session={session} beforeLeaving={async () => undefined} />
      {settings ? <SessionSheet session={session} settings={settings} paper="A4" /> : <Loader aria-label="Loading the chart" />}
      {user.role === 'practitioner' && <AddendumForm session={session} onAdded={onChange} />}
    </Stack>
  );
}

/** The charting screen (`#/sessions/:id`): a draft charted and saved as it goes, or a signed chart with its addenda. */
export function ChartingScreen() {
  const { id } = useParams();
  const [session, setSession] = useState<Session | null>(null);
  const [generation, setGeneration] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSession(await call('sessions.get', { id: Number(id) }));
      setGeneration((g) => g + 1);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!session) return <Loader aria-label="Loading the session" />;
  return session.status === 'signed' ? (
    <SignedChart session={session} onChange={setSession} />
  ) : (
    <DraftChart key={`${session.id}:${generation}`} initial={session} onSigned={setSession} reload={load} />
  );
}
