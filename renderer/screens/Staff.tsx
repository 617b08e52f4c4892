import { Alert, Badge, Button, Group, NativeSelect, Paper, PasswordInput, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { authCommands, type User } from '../../db/api/auth';
import { call, CommandError } from '../client';
import { checkInput, showProblems } from '../forms/command-form';

const createInput = authCommands.find((c) => c.name === 'users.create')!.input;
const roleLabel = { admin: 'Admin', practitioner: 'Practitioner', front_desk: 'Front desk' } as const;

interface NewStaff {
  name: string;
  username: string;
  password: string;
  role: string;
}

/** Admin: staff accounts and their roles. */
export function Staff() {
  const [users, setUsers] = useState<User[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<NewStaff>({ defaultValues: { role: 'front_desk' } });

  const load = useCallback(() => call('users.list', {}).then((r) => setUsers(r.items)), []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = handleSubmit(async (form) => {
    setProblem(null);
    try {
      const created = await call('users.create', checkInput(createInput, form));
      notifications.show({ color: 'teal', message: `${created.name} can now sign in as ${created.username}` });
      reset({ name: '', username: '', password: '', role: form.role });
      await load();
    } catch (e) {
      setProblem(showProblems(e, setError, ['name', 'username', 'password', 'role']));
    }
  });

  const toggleActive = async (u: User) => {
    try {
      await call('users.update', { id: u.id, version: u.version, active: !u.active });
      await load();
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof CommandError ? e.message : String(e) });
    }
  };

  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        Staff
      </Title>
      <Paper withBorder>
        <Table verticalSpacing="sm" aria-label="Staff accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Username</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>{u.username}</Table.Td>
                <Table.Td>{roleLabel[u.role]}</Table.Td>
                <Table.Td>{u.active ? <Badge color="teal">Active</Badge> : <Badge color="gray">Inactive</Badge>}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => void toggleActive(u)}>
                    {u.active ? 'Deactivate' : 'Reactivate'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h3">
              Add a staff member
            </Title>
            {problem && <Alert color="red">{problem}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Full name" {...register('name')} error={formState.errors.name?.message} />
              <TextInput label="Username" {...register('username')} error={formState.errors.username?.message} />
              <PasswordInput label="Starting password" description="At least 10 characters" {...register('password')} error={formState.errors.password?.message} />
              <NativeSelect
                label="Role"
                data={[
                  { value: 'front_desk', label: 'Front desk' },
                  { value: 'practitioner', label: 'Practitioner' },
                  { value: 'admin', label: 'Admin' },
                ]}
                {...register('role')}
                error={formState.errors.role?.message}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={formState.isSubmitting}>
                Add staff member
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
