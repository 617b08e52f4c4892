import { AppShell, Badge, Button, Group, NavLink, Text } from '@mantine/core';
import { CalendarDays, ClipboardList, DoorOpen, FileSignature, HardDriveDownload, HeartHandshake, ListChecks, LogOut, Package, Search, Settings, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useAuth, useUser } from '../session';
import { GlobalSearch } from '../frontdesk/GlobalSearch';

const roleLabel = { admin: 'Admin', practitioner: 'Practitioner', front_desk: 'Front desk' } as const;

interface Place {
  to: string;
  label: string;
  icon: ReactNode;
  adminOnly?: boolean;
  clinicalOnly?: boolean;
}

const places: Place[] = [
  { to: '/', label: 'Patients', icon: <Search size={18} /> },
  { to: '/schedule', label: 'Schedule', icon: <CalendarDays size={18} /> },
  { to: '/checkin', label: 'Check-in', icon: <DoorOpen size={18} /> },
  { to: '/inventory', label: 'Inventory', icon: <Package size={18} />, clinicalOnly: true },
  { to: '/staff', label: 'Staff', icon: <Users size={18} />, adminOnly: true },
  { to: '/consent-forms', label: 'Consent forms', icon: <FileSignature size={18} />, adminOnly: true },
  { to: '/aftercare-sheets', label: 'Aftercare sheets', icon: <HeartHandshake size={18} />, adminOnly: true },
  { to: '/questionnaires', label: 'Intake questionnaire', icon: <ListChecks size={18} />, adminOnly: true },
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
          <GlobalSearch />
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
          .filter((p) => !p.clinicalOnly || user.role !== 'front_desk')
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
