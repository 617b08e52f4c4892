import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ArrowLeft, FileDown, Printer } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { paperLabel, papers, rememberedPaper, rememberPaper, type Paper } from '../consents/page-css';
import { canWritePdfDirectly, saveAsPdf } from '../consents/save-pdf';

/** The paper this computer prints on, remembered between sheets. */
export function usePaper(): [Paper, (p: Paper) => void] {
  const [paper, setPaper] = useState<Paper>(rememberedPaper);
  return [
    paper,
    (p) => {
      rememberPaper(p);
      setPaper(p);
    },
  ];
}

/**
 * Above a printable sheet, never printed: back, paper size, print, save as PDF. `large` gives the big
 * targets of the practitioner's screens (gloves).
 */
export function PrintBar({
  paper,
  onPaper,
  fileName,
  back,
  backLabel = 'Back',
  large = false,
  extra,
}: {
  paper: Paper;
  onPaper(p: Paper): void;
  fileName: string;
  back(): void;
  backLabel?: string;
  large?: boolean;
  extra?: ReactNode;
}) {
  const paperLabelId = useId();
  const size = large ? 'lg' : undefined;
  const save = async () => {
    try {
      const result = await saveAsPdf(fileName, paper);
      if (result.saved) notifications.show({ color: 'teal', message: `Saved ${result.path ?? fileName}` });
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Stack className="no-print" gap="xs" maw={900} mx="auto" w="100%">
      <Group justify="space-between">
        <Button variant="subtle" size={size} leftSection={<ArrowLeft size={large ? 18 : 16} />} onClick={back}>
          {backLabel}
        </Button>
        <Group>
          <div>
            <Text size="sm" fw={500} id={paperLabelId}>
              Paper size
            </Text>
            <SegmentedControl aria-labelledby={paperLabelId} value={paper} onChange={(v) => onPaper(v as Paper)} data={papers.map((p) => ({ value: p, label: paperLabel[p] }))} />
          </div>
          <Button size={size} variant="default" leftSection={<Printer size={18} />} onClick={() => window.print()}>
            Print
          </Button>
          <Button size={size} leftSection={<FileDown size={18} />} onClick={() => void save()}>
            Save as PDF
          </Button>
        </Group>
      </Group>
      {!canWritePdfDirectly() && (
        <Text size="sm" c="dimmed" ta="right">
          Save as PDF opens the print dialog: choose “Save as PDF” as the printer.
        </Text>
      )}
      {extra}
    </Stack>
  );
}
