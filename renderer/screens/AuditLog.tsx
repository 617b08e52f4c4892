import { Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Download, ShieldCheck } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { auditEntry } from '../../db/api/audit';
import type { User } from '../../db/api/auth';
import type { PatientSummary } from '../../db/api/patients';
import type { InputOf } from '../../db/api';
import { call, CommandError } from '../client';

type Entry = z.infer<typeof auditEntry>;
type Query = InputOf<'audit.query'>;

const PAGE = 200;
const EXPORT_LIMIT = 50_000;

/** Plain words for the actions staff will look for most; others show as recorded. */
const actionLabels: Record<string, string> = {
  'patients.get': 'Opened the chart',
  'patients.create': 'Registered the patient',
  'patients.update': 'Changed the patient',
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'auth.login_failed': 'Wrong password',
  'auth.login_throttled': 'Sign-in held back',
  'backup.create': 'Made a backup',
  'backup.restore': 'Restored a backup',
};

const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayAfter = (d: string) => {
  if (!d) return undefined;
  const t = new Date(`${d}T00:00:00`);
  t.setDate(t.getDate() + 1);
  return t.toISOString();
};

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** Admin: who did what and when, who opened a patient's chart, proof the log is intact, and an export. */
export function AuditLog() {
  const [items, setItems] = useState<Entry[]>([]);
  const [more, setMore] = useState(false);
  const [users, setUsers] = useState<User[]>([]);
  const [verdict, setVerdict] = useState<{ ok: boolean; entries: number; brokenAt?: number | undefined; head: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const [patientQuery, setPatientQuery] = useState('');
  const [debounced] = useDebouncedValue(patientQuery, 150);
  const [matches, setMatches] = useState<PatientSummary[]>([]);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [openingsOnly, setOpeningsOnly] = useState(false);

  useEffect(() => {
    void call('users.list', {}).then((r) => setUsers(r.items));
  }, []);
  useEffect(() => {
    if (!debounced.trim() || patient) return setMatches([]);
    call('patients.search', { query: debounced, limit: 8 })
      .then((r) => setMatches(r.items))
      .catch(() => setMatches([]));
  }, [debounced, patient]);

  const names = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);
  const filter = useMemo((): Query => {
    const q: Query = {};
    if (patient) q.patientId = patient.id;
    if (userId) q.userId = Number(userId);
    if (openingsOnly) q.action = 'patients.get';
    const f = dayStart(from);
    const t = dayAfter(to);
    if (f) q.from = f;
    if (t) q.to = t;
    return q;
  }, [patient, userId, openingsOnly, from, to]);

  const load = useCallback(async (q: Query, before?: number) => {
    setProblem(null);
    try {
      const r = await call('audit.query', { ...q, limit: PAGE, ...(before && { beforeSeq: before }) });
      setItems((old) => (before ? [...old, ...r.items] : r.items));
      setMore(r.items.length === PAGE);
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void load(filter);
  }, [load, filter]);

  const exportCsv = async () => {
    const rows: Entry[] = [];
    let before: number | undefined;
    while (rows.length < EXPORT_LIMIT) {
      const r = await call('audit.query', { ...filter, limit: PAGE, ...(before && { beforeSeq: before }) });
      rows.push(...r.items);
      if (r.items.length < PAGE) break;
      before = r.items[r.items.length - 1]!.seq;
    }
    const header = ['seq', 'at', 'userId', 'user', 'action', 'entity', 'entityId', 'patientId', 'changeHash', 'hash'];
    const lines = rows.map((e) => [e.seq, e.at, e.userId, e.userId ? names.get(e.userId) : '', e.action, e.entity, e.entityId, e.patientId, e.changeHash, e.hash].map(csvCell).join(','));
    const blob = new Blob([[header.join(','), ...lines].join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `skinchart-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <Stack maw={1150}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Group>
          <Button variant="default" leftSection={<Download size={18} />} onClick={() => void exportCsv()}>
            Export CSV
          </Button>
          <Button variant="default" leftSection={<ShieldCheck size={18} />} onClick={() => void call('audit.verify', {}).then(setVerdict)}>
            Verify the chain
          </Button>
        </Group>
      </Group>
      {verdict &&
        (verdict.ok ? (
          <Alert color="teal" role="status">
            All {verdict.entries} entries are intact. Latest link: <code>{verdict.head?.slice(0, 16) ?? '—'}</code>
          </Alert>
        ) : (
          <Alert color="red" role="alert">
            The log has been altered at entry {verdict.brokenAt}.
          </Alert>
        ))}
      {problem && <Alert color="red">{problem}</Alert>}

      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <Stack gap={4} w={300}>
            <TextInput
              label="Patient"
              description="Name or chart number"
              value={patient ? `${patient.lastName}, ${patient.firstName} (${patient.chartNumber})` : patientQuery}
              readOnly={!!patient}
              onChange={(e) => setPatientQuery(e.currentTarget.value)}
            />
            {!patient && matches.length > 0 && (
              <Paper withBorder>
                <Stack gap={0} role="listbox" aria-label="Matching patients">
                  {matches.map((m) => (
                    <Button key={m.id} variant="subtle" justify="flex-start" role="option" onClick={() => setPatient(m)}>
                      {m.lastName}, {m.firstName} · {m.chartNumber}
                    </Button>
                  ))}
                </Stack>
              </Paper>
            )}
            {patient && (
              <Button
                variant="subtle"
                size="xs"
                onClick={() => {
                  setPatient(null);
                  setPatientQuery('');
                }}
              >
                Any patient
              </Button>
            )}
          </Stack>
          <Select label="Staff member" placeholder="Anyone" clearable data={users.map((u) => ({ value: String(u.id), label: u.name }))} value={userId} onChange={setUserId} w={220} />
          <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} />
          <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
          <Checkbox label="Chart openings only" checked={openingsOnly} onChange={(e) => setOpeningsOnly(e.currentTarget.checked)} mb={8} />
        </Group>
      </Paper>

      <Paper withBorder>
        <Table verticalSpacing="xs" aria-label="Audit entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Record</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed">Nothing recorded matches.</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((e) => (
              <Table.Tr key={e.seq}>
                <Table.Td>{e.seq}</Table.Td>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>{e.userId === null ? 'Skinchart' : (names.get(e.userId) ?? `user ${e.userId}`)}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={e.action.startsWith('denied') || e.action.endsWith('failed') || e.action.endsWith('throttled') ? 'red' : 'gray'}
                    title={e.action}
                  >
                    {actionLabels[e.action] ?? e.action}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {e.entity} {e.entityId ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {more && (
        <Group>
          <Button variant="default" onClick={() => void load(filter, items[items.length - 1]?.seq)}>
            Show older entries
          </Button>
        </Group>
      )}
    </Stack>
  );
}
