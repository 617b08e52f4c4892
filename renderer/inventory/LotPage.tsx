import { Alert, Anchor, Badge, Button, Group, Loader, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { AlertTriangle, ShieldAlert, Users } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { lotAdjustInput, type LedgerEntry, type Lot, type Recipient } from '../../db/api/lots';
import { call, CommandError } from '../client';
import { checkInput, showProblems } from '../forms/command-form';
import { useUser } from '../session';
import { dateTime, quantityWithUnit, statusColour, statusLabel } from './format';
import { RecipientsPanel } from './RecipientsPanel';

function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{value || '—'}</Text>
    </div>
  );
}

const kindWords: Record<LedgerEntry['kind'], string> = { receive: 'Received', use: 'Used', waste: 'Wasted', adjust: 'Count correction' };

/** A reason is always required; the modal asks for it and shows the refusal next to it. */
function ReasonModal({
  opened,
  title,
  warning,
  confirmLabel,
  colour,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  warning: string;
  confirmLabel: string;
  colour: string;
  onClose(): void;
  onConfirm(reason: string): Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setReason('');
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg">
      <Stack>
        <Alert color={colour} icon={<AlertTriangle />}>
          {warning}
        </Alert>
        <Textarea label="Reason" description="Kept with the lot and in the audit log" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problem} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color={colour}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm(reason);
                close();
              } catch (e) {
                const issue = e instanceof CommandError ? e.issues.find((i) => i.path === 'reason') : undefined;
                setProblem(issue ? `Reason ${issue.message}` : e instanceof Error ? e.message : String(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface AdjustForm {
  kind: 'waste' | 'count';
  amount: string;
  reason: string;
}

function AdjustModal({ lot, opened, onClose, onDone }: { lot: Lot; opened: boolean; onClose(): void; onDone(): Promise<void> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, watch, reset, formState } = useForm<AdjustForm>({ defaultValues: { kind: 'waste', amount: '', reason: '' } });
  const kind = watch('kind');
  const close = () => {
    reset();
    setProblem(null);
    onClose();
  };
  const submit = handleSubmit(async (v) => {
    setProblem(null);
    const amount = v.amount.trim() === '' ? undefined : Number(v.amount);
    try {
      const input = checkInput(
        lotAdjustInput,
        v.kind === 'waste' ? { lotId: lot.id, kind: 'waste', quantity: amount, reason: v.reason } : { lotId: lot.id, kind: 'count', counted: amount, reason: v.reason },
      );
      await call('lots.adjust', input);
      notifications.show({ color: 'teal', message: 'Stock adjusted' });
      close();
      await onDone();
    } catch (e) {
      // Both amount fields are one box on this form.
      if (e instanceof CommandError) {
        for (const i of e.issues) if (i.path === 'quantity' || i.path === 'counted') setError('amount', { type: 'server', message: i.message[0]!.toUpperCase() + i.message.slice(1) });
      }
      setProblem(showProblems(e, setError, ['reason', 'quantity', 'counted', 'kind']));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title={`Adjust stock of lot ${lot.lotNumber}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {problem && <Alert color="red">{problem}</Alert>}
          <Text>
            On hand now: <b>{quantityWithUnit(lot.onHand, lot.unit)}</b>
          </Text>
          <NativeSelect
            label="What happened"
            data={[
              { value: 'waste', label: 'Taken off the shelf (waste, breakage, returned)' },
              { value: 'count', label: 'Counted the shelf (correct the stock)' },
            ]}
            {...register('kind')}
          />
          <TextInput
            label={kind === 'waste' ? `Quantity taken off (${lot.unit})` : `Quantity counted on the shelf (${lot.unit})`}
            inputMode="decimal"
            {...register('amount')}
            error={formState.errors.amount?.message}
          />
          <Textarea label="Reason" description="e.g. vial cracked, contaminated, expired and discarded, monthly count" autosize minRows={2} {...register('reason')} error={formState.errors.reason?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              Save adjustment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One lot: where it came from, every movement of its stock, and who received it. */
export function LotPage() {
  const { id } = useParams();
  const user = useUser();
  const admin = user.role === 'admin';
  const [data, setData] = useState<{ lot: Lot; ledger: LedgerEntry[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [recipients, setRecipients] = useState<Recipient[] | null>(null);
  const [modal, setModal] = useState<'recall' | 'quarantine' | 'release' | 'adjust' | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await call('lots.get', { id: Number(id) }));
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : String(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const showRecipients = async () => setRecipients((await call('lots.recipients', { lotId: Number(id) })).items);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!data) return <Loader aria-label="Loading lot" />;
  const { lot, ledger } = data;

  return (
    <Stack maw={1100} className="inventory-page">
      <Group justify="space-between" align="flex-start" className="print-hide">
        <div>
          <Title order={1} size="h2">
            Lot {lot.lotNumber}
          </Title>
          <Text c="dimmed">{lot.productName}</Text>
        </div>
        <Group>
          <Badge size="xl" color={statusColour[lot.status]} variant={lot.status === 'active' ? 'light' : 'filled'}>
            {statusLabel[lot.status]}
          </Badge>
          {lot.expired && (
            <Badge size="xl" color="red" variant="filled">
              Expired
            </Badge>
          )}
        </Group>
      </Group>

      {lot.status !== 'active' && (
        <Alert className="print-hide" color={statusColour[lot.status]} icon={<ShieldAlert />} title={lot.status === 'recalled' ? 'Recalled: must not be used' : 'Quarantined: must not be used'}>
          {lot.statusReason} {lot.statusChangedAt && `(${dateTime(lot.statusChangedAt)})`}
        </Alert>
      )}

      <Paper withBorder p="lg" className="print-hide">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label={lot.compounded ? 'Beyond-use date' : 'Expires'} value={lot.expiresOn} />
          <Fact label="On hand" value={quantityWithUnit(lot.onHand, lot.unit)} />
          <Fact label="Received in all" value={quantityWithUnit(lot.received, lot.unit)} />
          <Fact label="Used on patients" value={quantityWithUnit(lot.used, lot.unit)} />
          <Fact label="First received" value={lot.receivedOn} />
          <Fact label="Supplier" value={lot.supplier} />
          <Fact label="Invoice" value={lot.invoice} />
        </SimpleGrid>
        <Group mt="lg">
          {admin && (
            <Button variant="default" onClick={() => setModal('adjust')}>
              Adjust stock
            </Button>
          )}
          {lot.status === 'active' && (
            <Button variant="default" color="orange" onClick={() => setModal('quarantine')}>
              Quarantine
            </Button>
          )}
          {admin && lot.status === 'quarantined' && (
            <Button variant="default" onClick={() => setModal('release')}>
              Release from quarantine
            </Button>
          )}
          {admin && lot.status !== 'recalled' && (
            <Button color="red" onClick={() => setModal('recall')}>
              Recall lot
            </Button>
          )}
          {recipients === null && (
            <Button variant="light" leftSection={<Users size={18} />} onClick={() => void showRecipients()}>
              Show patients who received it
            </Button>
          )}
        </Group>
      </Paper>

      {recipients !== null && (
        <RecipientsPanel
          subject={`lot ${lot.lotNumber} (${lot.productName})`}
          fileKey={lot.lotNumber}
          items={recipients}
          note={lot.status === 'recalled' ? `Recalled ${lot.statusChangedAt ? dateTime(lot.statusChangedAt) : ''}: ${lot.statusReason ?? ''}` : null}
        />
      )}

      <Paper withBorder p="lg" className="print-hide">
        <Title order={2} size="h3" mb="sm">
          Stock ledger
        </Title>
        <Table verticalSpacing="xs" aria-label="Stock ledger">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th>On hand after</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ledger.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{dateTime(m.at)}</Table.Td>
                <Table.Td>{kindWords[m.kind]}</Table.Td>
                <Table.Td>{`${m.quantity > 0 ? '+' : ''}${quantityWithUnit(m.quantity, lot.unit)}`}</Table.Td>
                <Table.Td>{quantityWithUnit(m.balance, lot.unit)}</Table.Td>
                <Table.Td>
                  {m.kind === 'receive' && [m.receivedOn && `delivered ${m.receivedOn}`, m.supplier, m.invoice && `invoice ${m.invoice}`].filter(Boolean).join(' · ')}
                  {m.sessionId !== null && (
                    <Anchor component={Link} to={`/sessions/${m.sessionId}/products`}>
                      session {m.sessionId}
                    </Anchor>
                  )}
                  {m.reason}
                </Table.Td>
                <Table.Td>{m.userName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Anchor component={Link} to="/inventory" mt="md" display="inline-block">
          Back to inventory
        </Anchor>
      </Paper>

      <AdjustModal lot={lot} opened={modal === 'adjust'} onClose={() => setModal(null)} onDone={load} />
      <ReasonModal
        opened={modal === 'recall'}
        title={`Recall lot ${lot.lotNumber}?`}
        warning={`Recalling stops every use of lot ${lot.lotNumber} of ${lot.productName} at once, on every session. It cannot be undone. The patients who received it are listed next.`}
        confirmLabel="Recall lot"
        colour="red"
        onClose={() => setModal(null)}
        onConfirm={async (reason) => {
          await call('lots.recall', { lotId: lot.id, reason });
          notifications.show({ color: 'red', message: `Lot ${lot.lotNumber} is recalled` });
          await load();
          await showRecipients();
        }}
      />
      <ReasonModal
        opened={modal === 'quarantine'}
        title={`Quarantine lot ${lot.lotNumber}?`}
        warning="A quarantined lot cannot be used on any patient until an admin releases it."
        confirmLabel="Quarantine"
        colour="orange"
        onClose={() => setModal(null)}
        onConfirm={async (reason) => {
          await call('lots.quarantine', { lotId: lot.id, reason });
          await load();
        }}
      />
      <ReasonModal
        opened={modal === 'release'}
        title={`Release lot ${lot.lotNumber}?`}
        warning="Released stock can be used on patients again."
        confirmLabel="Release"
        colour="teal"
        onClose={() => setModal(null)}
        onConfirm={async (reason) => {
          await call('lots.release', { lotId: lot.id, reason });
          await load();
        }}
      />
    </Stack>
  );
}
