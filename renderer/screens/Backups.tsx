import { Alert, Badge, Button, Code, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { HardDriveDownload, KeyRound, ShieldCheck } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { Backup } from '../../db/api/backups';
import type { OutputOf } from '../../db/api';
import { call, CommandError } from '../client';

type Listing = OutputOf<'backup.list'>;

const when = (iso: string) => new Date(iso).toLocaleString();
const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const kindLabel = { manual: 'By hand', daily: 'Daily', quit: 'On closing' } as const;
const messageOf = (e: unknown) => (e instanceof CommandError ? e.message : e instanceof Error ? e.message : String(e));

/** Admin: where backups go, making one now, checking any of them, restoring, and the recovery key. */
export function Backups() {
  const [listing, setListing] = useState<Listing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [folder, setFolder] = useState('');
  const [folderProblem, setFolderProblem] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);

  const load = useCallback(
    () =>
      call('backup.list', {})
        .then((l) => {
          setListing(l);
          setFolder(l.folder);
        })
        .catch((e: unknown) => setProblem(messageOf(e))),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const backUpNow = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const b = await call('backup.create', label.trim() ? { label: label.trim() } : {});
      if (b.integrity === 'ok') notifications.show({ color: 'teal', message: `Backup made and checked: ${b.path}` });
      else setProblem(`The backup was made but failed its checks: ${b.integrity}`);
      setLabel('');
      await load();
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (b: Backup) => {
    setProblem(null);
    try {
      const { verification } = await call('backup.verify', { id: b.id });
      if (verification.ok) notifications.show({ color: 'teal', message: `The backup of ${when(b.createdAt)} is intact.` });
      else setProblem(`The backup of ${when(b.createdAt)} failed its checks: ${verification.problems.join('; ')}`);
      await load();
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  const saveFolder = async (value: string) => {
    setFolderProblem(null);
    try {
      await call('backup.setFolder', { folder: value });
      notifications.show({ color: 'teal', message: 'Backup folder saved' });
      await load();
    } catch (e) {
      const issue = e instanceof CommandError ? e.issues.find((i) => i.path === 'folder') : undefined;
      setFolderProblem(issue ? `Folder ${issue.message}` : messageOf(e));
    }
  };

  const makeRecoveryKey = async () => {
    setProblem(null);
    try {
      setRecoveryKey((await call('backup.recoveryKey', {})).recoveryKey);
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  const lastGood = listing?.lastGoodAt;
  return (
    <Stack maw={1100}>
      <Title order={1} size="h2">
        Backups
      </Title>
      {listing &&
        (lastGood ? (
          <Alert color="teal" icon={<ShieldCheck size={18} />} title="Last good backup">
            {when(lastGood)}. Skinchart keeps {listing.policy}.
          </Alert>
        ) : (
          <Alert color="red" title="No backup yet">
            No backup has been made and checked yet. Make one now.
          </Alert>
        ))}
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}

      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h4">
            Back up now
          </Title>
          <Group align="flex-end">
            <TextInput label="Label (optional)" description="Labelled backups are kept until removed by hand" value={label} onChange={(e) => setLabel(e.currentTarget.value)} w={360} maxLength={80} />
            <Button size="md" leftSection={<HardDriveDownload size={18} />} loading={busy} onClick={() => void backUpNow()}>
              Back up now
            </Button>
          </Group>
          <Group align="flex-end">
            <TextInput
              label="Backup folder"
              description={`A folder on a USB drive is best. The default is ${listing?.defaultFolder ?? 'the backups folder in the data folder'}.`}
              value={folder}
              onChange={(e) => setFolder(e.currentTarget.value)}
              error={folderProblem}
              w={560}
            />
            <Button variant="default" onClick={() => void saveFolder(folder.trim())}>
              Use this folder
            </Button>
            <Button variant="subtle" onClick={() => void saveFolder('')}>
              Use the default
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder>
        <Table verticalSpacing="sm" aria-label="Backups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Made</Table.Th>
              <Table.Th>How</Table.Th>
              <Table.Th>Label</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>Photos</Table.Th>
              <Table.Th>Last check</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listing?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed">No backups in this folder yet.</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {listing?.items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{when(b.createdAt)}</Table.Td>
                <Table.Td>{kindLabel[b.kind]}</Table.Td>
                <Table.Td>{b.label ?? ''}</Table.Td>
                <Table.Td>{size(b.bytes)}</Table.Td>
                <Table.Td>{b.photos}</Table.Td>
                <Table.Td>
                  {b.verification === 'ok' ? (
                    <Badge color="teal" variant="light">
                      Intact {b.verifiedAt ? when(b.verifiedAt) : ''}
                    </Badge>
                  ) : (
                    <Badge color="red" variant="light" title={b.verification ?? ''}>
                      Failed
                    </Badge>
                  )}
                  {!b.encrypted && (
                    <Badge color="yellow" variant="light" ml="xs">
                      Not encrypted
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" variant="default" aria-label={`Check the backup of ${when(b.createdAt)}`} onClick={() => void verify(b)}>
                      Check
                    </Button>
                    <Button size="xs" variant="subtle" aria-label={`Restore the backup of ${when(b.createdAt)}`} onClick={() => setRestoring(b)}>
                      Restore…
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h4">
            Recovery key
          </Title>
          <Text size="sm">
            Backups are encrypted with the same key as the records. If this computer is lost, a recovery key (with any backup) opens them on another
            computer: <Code>npm run serve -- --restore BACKUP-FOLDER --data-dir NEW-FOLDER --passphrase</Code>. Write it on paper and keep it away from
            the computer and the backup drive. Making a new one replaces the old one.
          </Text>
          <Group>
            <Button variant="default" leftSection={<KeyRound size={18} />} onClick={() => void makeRecoveryKey()}>
              Make a new recovery key
            </Button>
          </Group>
          {recoveryKey && (
            <Alert color="yellow" title="Write this down now: it is not shown again">
              <Code fz="xl" aria-label="Recovery key">
                {recoveryKey}
              </Code>
            </Alert>
          )}
        </Stack>
      </Paper>

      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />
    </Stack>
  );
}

function RestoreDialog({ backup, onClose }: { backup: Backup | null; onClose(): void }) {
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setTarget('');
    setProblem(null);
    setDone(null);
    onClose();
  };
  const restore = async () => {
    if (!backup) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await call('backup.restore', { id: backup.id, targetDir: target.trim() });
      if (r.verification.ok) setDone(r.next);
      else setProblem(`${r.next} ${r.verification.problems.join('; ')}`);
    } catch (e) {
      const issue = e instanceof CommandError ? e.issues.find((i) => i.path === 'targetDir') : undefined;
      setProblem(issue ? `New data folder ${issue.message}` : messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={backup !== null} onClose={close} title="Restore a backup" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Text size="sm">
          The backup of {backup ? when(backup.createdAt) : ''} is checked, then copied into a new, empty folder. The records in use are not touched;
          start Skinchart on the new folder to use it.
        </Text>
        {done ? (
          <Alert color="teal" role="status">
            {done}
          </Alert>
        ) : (
          <>
            <TextInput label="New data folder" description="A full path to a folder that does not exist yet, or is empty" value={target} onChange={(e) => setTarget(e.currentTarget.value)} error={problem} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button loading={busy} onClick={() => void restore()}>
                Check and restore
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
