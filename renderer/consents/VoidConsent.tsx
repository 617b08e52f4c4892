import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Ban } from 'lucide-react';
import { useState } from 'react';
import { consentVoidInput, type SignedConsent } from '../../db/api/consents';
import { call, CommandError } from '../client';
import { checkInput } from '../forms/command-form';
import { treatmentLabel } from './labels';

/** Voids a consent (withdrawn, signed in error…): a reason is required and the record is kept. */
export function VoidConsentButton({ consent, onVoided }: { consent: Pick<SignedConsent, 'id' | 'treatmentType' | 'signedAt'>; onVoided(c: SignedConsent): void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    setReasonError(null);
    setBusy(true);
    try {
      const voided = await call('consents.void', checkInput(consentVoidInput, { id: consent.id, reason }));
      notifications.show({ color: 'teal', message: 'Consent voided' });
      setOpen(false);
      onVoided(voided);
    } catch (e) {
      const issue = e instanceof CommandError ? e.issues.find((i) => i.path === 'reason') : undefined;
      if (issue) setReasonError(`Reason ${issue.message}`);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="default" color="red" leftSection={<Ban size={16} />} onClick={() => setOpen(true)}>
        Void consent
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Void this consent">
        <Stack>
          <Text>
            The {treatmentLabel(consent.treatmentType)} consent signed on {consent.signedAt.slice(0, 10)} will no longer cover treatment. The signed record is kept and
            can still be printed.
          </Text>
          {error && <Alert color="red">{error}</Alert>}
          <Textarea label="Reason" description="For example: the patient withdrew consent; signed for the wrong patient" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => void submit()}>
              Void consent
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
