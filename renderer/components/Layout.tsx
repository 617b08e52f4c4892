import { AppShell, Badge, Button, Group, NavLink, Text } from '@mantine/core';
import { ClipboardList, LogOut, Search, Settings, Users } from 'lucide-react';
import { HardDriveDownload } from 'lucide-react';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useAuth, useUser } from '../session';

const roleLabel = { admin: 'Admin', practitioner: 'Practitioner', front_desk: 'Front desk' } as const;

interface Place {
  to: string;
  label: string;
  icon: ReactNode;
  adminOnly?: boolean;
}

const places: Place[] = [
  { to: '/', label: 'Patients', icon: <Search size={18} /> },
  { to: '/staff', label: 'Staff', icon: <Users size={18} />, adminOnly: true },
  { to: '/audit', label: 'Audit log', icon: <ClipboardList size={18} />, adminOnly: true },
  { to: '/settings', label: 'Settings', icon: <Settings size={18} />, adminOnly: true },
  { to: '/backups', label: 'Backups', icon: <HardDriveDownload size={18} />, adminOnly: true },
];

export function Layout({ clinicName, children }: { clinicName: string | null; children: ReactNode }) {
  const user = useUser();
  const { signOut } = useAuth();
  const location = useLocation();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header className="no-print">
        <Group h="100%" px="md" justify="space-between">
          <Text fw={600} size="lg">
            {clinicName ?? 'Skinchart'}
          </Text>
          <Group gap="sm">
            <Text size="sm">{user.name}</Text>
            <Badge variant="light">{roleLabel[user.role]}</Badge>
            <Button variant="subtle" size="sm" leftSection={<LogOut size={16} />} onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" className="no-print" aria-label="Main">
        {places
          .filter((p) => !p.adminOnly || user.role === 'admin')
          .map((p) => (
            <NavLink
              key={p.to}
              component={RouterLink}
              to={p.to}
              label={p.label}
              leftSection={p.icon}
              active={p.to === '/' ? location.pathname === '/' || location.pathname.startsWith('/patients') : location.pathname.startsWith(p.to)}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
