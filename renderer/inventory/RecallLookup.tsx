import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Search } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { lotRecipientsInput, type Recipient } from '../../db/api/lots';
import type { OutputOf } from '../../db/api';
import { call } from '../client';
import { checkInput, optional, showProblems } from '../forms/command-form';
import { statusColour, statusLabel } from './format';
import { RecipientsPanel } from './RecipientsPanel';

interface LookupForm {
  lotNumber: string;
  from: string;
  to: string;
}

type Found = OutputOf<'lots.recipients'>['lots'];

/** A recall notice names a lot number: find every patient who received it, whatever the product. */
export function RecallLookup() {
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ lots: Found; items: Recipient[]; query: LookupForm } | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<LookupForm>({ defaultValues: { lotNumber: '', from: '', to: '' } });

  const submit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      const input = checkInput(lotRecipientsInput, { lotNumber: optional(v.lotNumber), from: optional(v.from), to: optional(v.to) });
      const found = await call('lots.recipients', input);
      setResult({ ...found, query: v });
    } catch (e) {
      setProblem(showProblems(e, setError, ['lotNumber', 'from', 'to']));
    }
  });

  return (
    <Stack maw={1100} className="inventory-page">
      <Group justify="space-between" className="print-hide">
        <Title order={1} size="h2">
          Recall lookup
        </Title>
        <Anchor component={Link} to="/inventory">
          Back to inventory
        </Anchor>
      </Group>
      <Paper withBorder p="lg" className="print-hide">
        <form onSubmit={submit} noValidate>
          <Stack>
            {problem && <Alert color="red">{problem}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="Lot number" description="As printed on the recall notice" size="lg" autoFocus {...register('lotNumber')} error={formState.errors.lotNumber?.message} />
              <TextInput label="Used from" description="Optional" type="date" {...register('from')} error={formState.errors.from?.message} />
              <TextInput label="Used until" description="Optional, inclusive" type="date" {...register('to')} error={formState.errors.to?.message} />
            </SimpleGrid>
            <Group>
              <Button type="submit" leftSection={<Search size={18} />} loading={formState.isSubmitting}>
                Find patients
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {result && (
        <>
          <Paper withBorder p="lg" className="print-hide">
            {result.lots.length === 0 ? (
              <Text>No lot numbered “{result.query.lotNumber}” has been received.</Text>
            ) : (
              <Stack gap={4}>
                <Text fw={600}>Lots with this number</Text>
                {result.lots.map((l) => (
                  <Group key={l.id} gap="xs">
                    <Anchor component={Link} to={`/inventory/lots/${l.id}`}>
                      {l.productName} · lot {l.lotNumber}
                    </Anchor>
                    <Text size="sm">expires {l.expiresOn}</Text>
                    <Badge color={statusColour[l.status]} variant="light">
                      {statusLabel[l.status]}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            )}
          </Paper>
          {result.lots.length > 0 && (
            <RecipientsPanel
              subject={`lot ${result.query.lotNumber.trim()}`}
              fileKey={result.query.lotNumber.trim()}
              items={result.items}
              range={{ from: optional(result.query.from), to: optional(result.query.to) }}
            />
          )}
        </>
      )}
    </Stack>
  );
}
