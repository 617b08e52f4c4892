import { Alert, Button, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { Lock } from 'lucide-react';
import { useEffect, useState } from 'react';
import { overrideReason, type ContraindicationFound, type Session } from '../../db/api/sessions';
import { call, CommandError } from '../client';
import { flagLabel } from '../flags';

interface Refusal {
  title: string;
  items: string[];
}

/** A refusal from signing, in the words the practitioner acts on. */
function refusalOf(e: CommandError): Refusal {
  const d = e.details as { labels?: string[]; contraindications?: ContraindicationFound[] } | undefined;
  switch (e.code) {
    case 'chart_incomplete':
      return { title: 'Not signed: the chart is not complete', items: d?.labels ?? [] };
    case 'consent_missing':
      return { title: 'Not signed: no valid consent', items: [e.message] };
    case 'contraindicated':
      return {
        title: 'Not signed: contraindicated',
        items: (d?.contraindications ?? []).map((c) => `${flagLabel(c.flag)} with ${c.matchedOn.replace(/_/g, ' ')}: ${c.reason}`),
      };
    default:
      return { title: 'Not signed', items: [e.message] };
  }
}

/**
 * Signing locks the chart. Before the button: what is still missing, and for a contraindication,
 * the override reason. After a refusal: exactly why, item by item.
 */
export function SignPanel({ session, canSign, beforeSign, onSigned }: { session: Session; canSign: boolean; beforeSign(): Promise<Session>; onSigned(s: Session): void }) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const blocks = session.checks.contraindications.filter((c) => c.level === 'block');
  const missing = session.checks.missing;
  // A refusal is about the chart as it was: once the chart changes, the list above says what is left.
  useEffect(() => setRefusal(null), [session.version]);

  const sign = async () => {
    setRefusal(null);
    setReasonError(null);
    let override: { reason: string } | undefined;
    if (blocks.length) {
      const checked = overrideReason.safeParse(reason);
      if (!checked.success) {
        setReasonError(`Override reason: ${checked.error.issues[0]?.message ?? 'is required'}`);
        return;
      }
      override = { reason: checked.data };
    }
    setBusy(true);
    try {
      const latest = await beforeSign();
      onSigned(await call('sessions.sign', { id: latest.id, version: latest.version, ...(override && { override }) }));
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      const r = e.issues.find((i) => i.path === 'override.reason');
      if (r) setReasonError(`Override reason: ${r.message}`);
      else setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h3">
          Sign and lock
        </Title>
        {missing.length > 0 ? (
          <div>
            <Text fw={500}>Still to record before signing:</Text>
            <List aria-label="Still to record">
              {missing.map((m) => (
                <List.Item key={m.field}>{m.label}</List.Item>
              ))}
            </List>
          </div>
        ) : (
          <Text>The chart is complete. Once signed it is locked: later corrections are addenda with a reason.</Text>
        )}
        {blocks.length > 0 && canSign && (
          <Textarea
            label="Override reason"
            description="Why it is safe to go ahead despite the contraindication above. Kept with the chart and in the audit log."
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
          />
        )}
        {refusal && (
          <Alert color="red" title={refusal.title} role="alert">
            {refusal.items.length > 0 && (
              <List>
                {refusal.items.map((i) => (
                  <List.Item key={i}>{i}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {canSign ? (
          <Button size="xl" leftSection={<Lock size={20} />} onClick={() => void sign()} loading={busy} color={blocks.length ? 'red' : undefined}>
            {blocks.length ? 'Override and sign' : 'Sign and lock the chart'}
          </Button>
        ) : (
          <Text c="dimmed">Only a practitioner can sign this chart.</Text>
        )}
      </Stack>
    </Paper>
  );
}
