import { Alert, Anchor, Badge, Button, Group, JsonInput, List, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { questionnaireListItem } from '../../db/api/intake';
import { call, CommandError } from '../client';

type Item = z.infer<typeof questionnaireListItem>;

/**
 * Admin: the intake questionnaire's versions. Publishing makes a new version; a published one
 * never changes, so every intake keeps the exact questions it answered.
 */
export function Questionnaires() {
  const [items, setItems] = useState<Item[]>([]);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const list = await call('questionnaires.list', {});
    setItems(list.items);
    if (list.items.length > 0) {
      const current = await call('questionnaires.get', {});
      setTitle(current.title);
      setText(JSON.stringify(current.definition, null, 2));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const publish = async () => {
    setProblems([]);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch {
      setProblems(['The questionnaire is not valid JSON']);
      return;
    }
    setBusy(true);
    try {
      const q = await call('questionnaires.publish', { title, definition: definition as never });
      notifications.show({ color: 'teal', message: `Version ${q.version} published` });
      await load();
    } catch (e) {
      setProblems(e instanceof CommandError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`) : [e instanceof Error ? e.message : String(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Intake questionnaire
        </Title>
        <Anchor component={Link} to="/intake/print">
          Print a blank form
        </Anchor>
      </Group>
      <Paper withBorder>
        <Table aria-label="Published versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Published</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((q) => (
              <Table.Tr key={q.id}>
                <Table.Td>
                  {q.version}{' '}
                  {q.current && (
                    <Badge ml="xs" variant="light">
                      current
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{q.title}</Table.Td>
                <Table.Td>{new Date(q.publishedAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h3">
            Publish a new version
          </Title>
          <Text c="dimmed">
            Edit the current questions below and publish them as a new version. Every safety question (pregnant, breastfeeding, isotretinoin_6m, photosensitising_meds,
            g6pd_deficiency, anaesthetic_allergy, keloid_tendency, active_infection, recent_tan) must stay as a yes/no question: a “yes” sets the patient’s safety alert.
          </Text>
          <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <JsonInput label="Questions (JSON)" autosize minRows={12} maxRows={30} value={text} onChange={setText} validationError="Not valid JSON" formatOnBlur />
          {problems.length > 0 && (
            <Alert color="red" role="alert" title="Not published">
              <List size="sm">
                {problems.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group>
            <Button onClick={() => void publish()} loading={busy}>
              Publish as a new version
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
