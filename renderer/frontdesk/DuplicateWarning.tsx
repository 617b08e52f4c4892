import { Alert, Anchor, Badge, Checkbox, List, Stack, Text } from '@mantine/core';
import { Users } from 'lucide-react';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '../../db/api/patients';

const why = { name_and_birth_date: 'same name and date of birth', phone: 'same phone number' } as const;

/** Records that may be this same person: open one, or confirm this is someone else. */
export function DuplicateWarning({ candidates, confirmed, onConfirm }: { candidates: DuplicateCandidate[]; confirmed: boolean; onConfirm(v: boolean): void }) {
  if (candidates.length === 0) return null;
  return (
    <Alert color="orange" icon={<Users />} title="This patient may already have a record" role="alert">
      <Stack gap="sm">
        <List spacing={4} aria-label="Possible duplicates">
          {candidates.map((c) => (
            <List.Item key={c.id}>
              <Anchor component={Link} to={`/patients/${c.id}`} fw={600}>
                {c.lastName}, {c.firstName}
              </Anchor>{' '}
              <Text span size="sm">
                {c.chartNumber} · born {c.dateOfBirth}
                {c.phone ? ` · ${c.phone}` : ''} — {c.matchedOn.map((m) => why[m]).join(' and ')}
              </Text>
              {c.archivedAt && (
                <Badge ml="xs" size="sm" color="gray" variant="light">
                  archived
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
        <Text size="sm">Open the existing record instead, or confirm that this is a different person.</Text>
        <Checkbox label="This is a different person: register a new record" checked={confirmed} onChange={(e) => onConfirm(e.currentTarget.checked)} />
      </Stack>
    </Alert>
  );
}
