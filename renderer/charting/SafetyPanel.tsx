import { Alert, Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { AlertTriangle, OctagonAlert, ShieldCheck } from 'lucide-react';
import type { Session } from '../../db/api/sessions';
import { flagLabel } from '../flags';
import { treatmentName, when } from './labels';

const words = (s: string) => s.replace(/_/g, ' ');

/**
 * What the practitioner must see before and while treating, at the top of the chart: the patient's
 * alerts, contraindications (block in red, caution in orange), warnings from the chart itself, and
 * whether a valid consent covers this treatment on this date.
 */
export function SafetyPanel({ session, warnings }: { session: Session; warnings: readonly string[] }) {
  const blocks = session.checks.contraindications.filter((c) => c.level === 'block');
  const cautions = session.checks.contraindications.filter((c) => c.level === 'warn');
  const consent = session.checks.consent;
  return (
    <Stack gap="sm" aria-label="Safety" role="region">
      {session.patient.flags.length > 0 && (
        <Alert color="red" variant="light" icon={<AlertTriangle />} title="Patient alerts">
          <Group gap="xs">
            {session.patient.flags.map((f) => (
              <Badge key={f} color="red" size="lg">
                {flagLabel(f)}
              </Badge>
            ))}
          </Group>
        </Alert>
      )}
      {blocks.length > 0 && (
        <Alert color="red" variant="filled" icon={<OctagonAlert />} title="Contraindicated" role="alert">
          <List c="white" spacing={4}>
            {blocks.map((c) => (
              <List.Item key={c.ruleId}>
                {flagLabel(c.flag)} with {words(c.matchedOn)}: {c.reason}.
              </List.Item>
            ))}
          </List>
          <Text c="white" mt="xs" size="sm">
            Signing needs a practitioner’s override with a reason.
          </Text>
        </Alert>
      )}
      {cautions.length > 0 && (
        <Alert color="orange" variant="light" icon={<AlertTriangle />} title="Caution">
          <List spacing={4}>
            {cautions.map((c) => (
              <List.Item key={c.ruleId}>
                {flagLabel(c.flag)} with {words(c.matchedOn)}: {c.reason}.
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert color="orange" variant="filled" icon={<AlertTriangle />} title="Warning" role="alert">
          <List c="white" spacing={4}>
            {warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {consent.status === 'valid' ? (
        <Text c="teal.8" fw={500}>
          <ShieldCheck size={18} style={{ verticalAlign: 'text-bottom' }} /> Consent for {treatmentName(session.treatmentType)} signed {when(consent.signedAt!)} (form version {consent.templateVersion})
        </Text>
      ) : (
        <Alert color="red" variant="light" icon={<OctagonAlert />} title="No valid consent for this treatment on this date">
          The patient must sign a consent for {treatmentName(session.treatmentType)} before this chart can be signed.{' '}
          {session.status === 'draft' && <Anchor href={`#/patients/${session.patientId}/consents/sign?treatment=${session.treatmentType}`}>Sign a consent now</Anchor>}
        </Alert>
      )}
    </Stack>
  );
}
