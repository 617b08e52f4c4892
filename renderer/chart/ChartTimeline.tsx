import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { format } from 'date-fns';
import { Camera, FileText, History } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../db/api';
import { call, CommandError } from '../client';
import { flagLabel } from '../flags';
import { useUser } from '../session';
import { treatmentLabels, type TreatmentType } from '../../db/api/fields';

type Chart = OutputOf<'patients.chart'>;
type Session = Chart['sessions'][number];

// One page is what the command gives by default: two hundred sessions, drawn only where scrolled.
const PAGE = 200;

const treatment = (t: string) => treatmentLabels[t as TreatmentType] ?? t;
const when = (iso: string) => format(new Date(iso), 'd MMM yyyy, HH:mm');
const day = (iso: string) => format(new Date(iso), 'd MMM yyyy');

/** The practitioner's view of a patient's history. Shown to admins and practitioners only. */
export function ChartTimeline({ patientId }: { patientId: number }) {
  const user = useUser();
  return user.role === 'front_desk' ? null : <Timeline patientId={patientId} />;
}

function SessionRow({ session }: { session: Session }) {
  return (
    <Stack gap={4} py="sm" px="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm">
          <Text fw={600}>{treatment(session.treatmentType)}</Text>
          <Badge variant="light" color={session.status === 'signed' ? 'teal' : 'orange'}>
            {session.status === 'signed' ? 'Signed' : 'Draft'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {when(session.performedAt)}
          {session.practitionerName ? ` · ${session.practitionerName}` : ''}
        </Text>
      </Group>
      {session.products.map((p, i) => (
        <Text key={i} size="sm">
          {p.productName} · lot {p.lotNumber} · {p.quantity} {p.unit}
          {p.area ? ` · ${p.area}` : ''}
        </Text>
      ))}
      {(session.photoCount > 0 || session.addendumCount > 0) && (
        <Group gap="md">
          {session.photoCount > 0 && (
            <Text size="sm" c="dimmed">
              <Camera size={14} aria-hidden /> {session.photoCount} photo{session.photoCount === 1 ? '' : 's'}
            </Text>
          )}
          {session.addendumCount > 0 && (
            <Text size="sm" c="dimmed">
              <FileText size={14} aria-hidden /> {session.addendumCount} addend{session.addendumCount === 1 ? 'um' : 'a'}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

function Timeline({ patientId }: { patientId: number }) {
  const [chart, setChart] = useState<Chart | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    setChart(null);
    call('patients.chart', { patientId, limit: PAGE })
      .then((c) => current && setChart(c))
      .catch((e: unknown) => current && setProblem(e instanceof CommandError ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [patientId]);

  const loadOlder = useCallback(async () => {
    if (!chart?.nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const next = await call('patients.chart', { patientId, limit: PAGE, cursor: chart.nextCursor });
      setChart((c) => (c ? { ...c, sessions: [...c.sessions, ...next.sessions], nextCursor: next.nextCursor } : next));
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  }, [chart, loadingMore, patientId]);

  const sessions = chart?.sessions ?? [];
  const rows = useVirtualizer({
    count: sessions.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 6,
    initialRect: { width: 900, height: 560 },
  });
  const shown = rows.getVirtualItems();

  // Reaching the end of what is loaded fetches the next (older) page.
  const lastShown = shown.at(-1)?.index ?? -1;
  useEffect(() => {
    if (chart?.nextCursor && lastShown >= sessions.length - 3) void loadOlder();
  }, [lastShown, sessions.length, chart?.nextCursor, loadOlder]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!chart) return <Loader aria-label="Loading treatment history" />;

  return (
    <Paper withBorder>
      <Group justify="space-between" p="md" pb="xs">
        <Title order={2} size="h3">
          <History size={20} aria-hidden /> Treatment history
        </Title>
        <Text size="sm" c="dimmed" role="status">
          {sessions.length === 0 ? 'No sessions yet' : `${sessions.length} session${sessions.length === 1 ? '' : 's'} shown${chart.nextCursor ? ', older ones load as you scroll' : ''}`}
        </Text>
      </Group>
      <Group gap="xl" px="md" pb="sm" align="flex-start">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Consents
          </Text>
          {chart.consents.length === 0 ? (
            <Text size="sm">None signed</Text>
          ) : (
            chart.consents.slice(0, 4).map((c) => (
              <Text key={c.id} size="sm" td={c.voidedAt ? 'line-through' : undefined}>
                {treatment(c.treatmentType)} (version {c.templateVersion}) · {day(c.signedAt)}
              </Text>
            ))
          )}
          {chart.consents.length > 4 && (
            <Text size="sm" c="dimmed">
              and {chart.consents.length - 4} earlier
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Latest intake
          </Text>
          {chart.intakes[0] ? (
            <Text size="sm">
              {day(chart.intakes[0].submittedAt)} · questionnaire version {chart.intakes[0].questionnaireVersion}
              {chart.intakes[0].flags.length > 0 ? ` · ${chart.intakes[0].flags.map(flagLabel).join(', ')}` : ' · no safety flags'}
            </Text>
          ) : (
            <Text size="sm">None</Text>
          )}
        </div>
      </Group>
      {sessions.length > 0 && (
        <div ref={scrollRef} style={{ maxHeight: '70vh', overflowY: 'auto', borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
            <div
              role="list"
              aria-label="Treatment sessions, newest first"
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${shown[0]?.start ?? 0}px)` }}
            >
              {shown.map((row) => (
                <div key={sessions[row.index]!.id} role="listitem" data-index={row.index} ref={rows.measureElement}>
                  <SessionRow session={sessions[row.index]!} />
                </div>
              ))}
            </div>
          </div>
          {chart.nextCursor && (
            <Group justify="center" p="sm">
              <Button variant="default" loading={loadingMore} onClick={() => void loadOlder()}>
                Load older sessions
              </Button>
            </Group>
          )}
        </div>
      )}
    </Paper>
  );
}
