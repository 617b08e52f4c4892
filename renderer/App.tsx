import { Alert, Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { BlankConsentPrint, SignedConsentPrint } from './consents/ConsentPrint';
import { ConsentTemplates } from './consents/ConsentTemplates';
import { SignConsent } from './consents/SignConsent';
import { AuditLog } from './screens/AuditLog';
import { Home } from './screens/Home';
import { NewPatient } from './screens/NewPatient';
import { PatientPage } from './screens/PatientPage';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { Staff } from './screens/Staff';
import { AuthProvider, useAuth } from './session';
import { InventoryHome } from './inventory/InventoryHome';
import { LotPage } from './inventory/LotPage';
import { Products } from './inventory/Products';
import { RecallLookup } from './inventory/RecallLookup';
import { Receive } from './inventory/Receive';
import { SessionProducts } from './inventory/SessionProducts';
import { CheckIn } from './frontdesk/CheckIn';
import { DeskIntake } from './frontdesk/DeskIntake';
import { IntakePrint } from './frontdesk/IntakePrint';
import { Questionnaires } from './frontdesk/Questionnaires';
import { Schedule } from './frontdesk/Schedule';
import { TabletIntake } from './frontdesk/TabletIntake';
import { useTabletLock } from './frontdesk/tablet-lock';
import { Backups } from './screens/Backups';
import { Locked } from './screens/Locked';
import { Vault } from './screens/Vault';
import { DiagramsPreview } from './charting/DiagramsPreview';
import { ChartingScreen } from './charting/ChartingScreen';
import { SessionSummary } from './charting/SessionSummary';
import { AftercarePrint } from './charting/AftercarePrint';

function Screens() {
  const { state } = useAuth();
  const tabletLock = useTabletLock();
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
      if (tabletLock) return <TabletIntake lock={tabletLock} />;
      return (
        <Layout clinicName={state.clinicName}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/patients/new" element={<NewPatient />} />
            <Route path="/patients/:id" element={<PatientPage />} />
            <Route path="/staff" element={<Staff />} />
            <Route path="/audit" element={<AuditLog />} />
            <Route path="/settings" element={<Settings />} />
            <Route path="/patients/:id/consents/sign" element={<SignConsent />} />
            <Route path="/consents/:id" element={<SignedConsentPrint />} />
            <Route path="/consent-forms" element={<ConsentTemplates />} />
            <Route path="/consent-forms/:templateId/blank" element={<BlankConsentPrint />} />
            <Route path="/inventory" element={<InventoryHome />} />
            <Route path="/inventory/products" element={<Products />} />
            <Route path="/inventory/receive" element={<Receive />} />
            <Route path="/inventory/recall" element={<RecallLookup />} />
            <Route path="/inventory/lots/:id" element={<LotPage />} />
            <Route path="/sessions/:id/products" element={<SessionProducts />} />
            <Route path="/schedule" element={<Schedule />} />
            <Route path="/checkin" element={<CheckIn />} />
            <Route path="/patients/:id/intake" element={<DeskIntake />} />
            <Route path="/patients/:id/intake/print" element={<IntakePrint />} />
            <Route path="/intake/print" element={<IntakePrint />} />
            <Route path="/questionnaires" element={<Questionnaires />} />
            <Route path="/backups" element={<Backups />} />
            <Route path="/settings/diagrams" element={<DiagramsPreview />} />
            <Route path="/sessions/:id" element={<ChartingScreen />} />
            <Route path="/sessions/:id/summary" element={<SessionSummary />} />
            <Route path="/aftercare/:id" element={<AftercarePrint />} />
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
