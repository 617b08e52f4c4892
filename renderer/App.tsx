import { Alert, Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { AuditLog } from './screens/AuditLog';
import { Home } from './screens/Home';
import { NewPatient } from './screens/NewPatient';
import { PatientPage } from './screens/PatientPage';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { Staff } from './screens/Staff';
import { AuthProvider, useAuth } from './session';
import { Backups } from './screens/Backups';
import { Locked } from './screens/Locked';
import { Vault } from './screens/Vault';

function Screens() {
  const { state } = useAuth();
  switch (state.phase) {
    case 'loading':
      return (
        <Center mih="100vh">
          <Loader aria-label="Loading" />
        </Center>
      );
    case 'unreachable':
      return (
        <Center mih="100vh" p="md">
          <Alert color="red" title="Skinchart cannot be reached">
            {state.message}
          </Alert>
        </Center>
      );
    case 'setup':
      return <Setup />;
    case 'signed_out':
      return <SignIn clinicName={state.clinicName} />;
    case 'locked':
      return <Locked user={state.user} clinicName={state.clinicName} idleMinutes={state.idleMinutes} />;
    case 'vault':
      return <Vault mode={state.mode} message={state.message} />;
    case 'signed_in':
      return (
        <Layout clinicName={state.clinicName}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/patients/new" element={<NewPatient />} />
            <Route path="/patients/:id" element={<PatientPage />} />
            <Route path="/staff" element={<Staff />} />
            <Route path="/audit" element={<AuditLog />} />
            <Route path="/settings" element={<Settings />} />
            <Route path="/backups" element={<Backups />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Layout>
      );
  }
}

export function App() {
  return (
    <AuthProvider>
      <Screens />
    </AuthProvider>
  );
}
