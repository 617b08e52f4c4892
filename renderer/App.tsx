import { Alert, Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { Home } from './screens/Home';
import { NewPatient } from './screens/NewPatient';
import { PatientPage } from './screens/PatientPage';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { AuthProvider, useAuth } from './session';
import { TabletIntake } from './frontdesk/TabletIntake';
import { useTabletLock } from './frontdesk/tablet-lock';
import { Locked } from './screens/Locked';
import { Vault } from './screens/Vault';

// Screens used a few times a day load when first opened, so sign-in and search start with less to read.
const BlankConsentPrint = lazy(() => import('./consents/ConsentPrint').then((m) => ({ default: m.BlankConsentPrint })));
const SignedConsentPrint = lazy(() => import('./consents/ConsentPrint').then((m) => ({ default: m.SignedConsentPrint })));
const ConsentTemplates = lazy(() => import('./consents/ConsentTemplates').then((m) => ({ default: m.ConsentTemplates })));
const SignConsent = lazy(() => import('./consents/SignConsent').then((m) => ({ default: m.SignConsent })));
const AuditLog = lazy(() => import('./screens/AuditLog').then((m) => ({ default: m.AuditLog })));
const Settings = lazy(() => import('./screens/Settings').then((m) => ({ default: m.Settings })));
const Staff = lazy(() => import('./screens/Staff').then((m) => ({ default: m.Staff })));
const InventoryHome = lazy(() => import('./inventory/InventoryHome').then((m) => ({ default: m.InventoryHome })));
const LotPage = lazy(() => import('./inventory/LotPage').then((m) => ({ default: m.LotPage })));
const Products = lazy(() => import('./inventory/Products').then((m) => ({ default: m.Products })));
const RecallLookup = lazy(() => import('./inventory/RecallLookup').then((m) => ({ default: m.RecallLookup })));
const Receive = lazy(() => import('./inventory/Receive').then((m) => ({ default: m.Receive })));
const SessionProducts = lazy(() => import('./inventory/SessionProducts').then((m) => ({ default: m.SessionProducts })));
const CheckIn = lazy(() => import('./frontdesk/CheckIn').then((m) => ({ default: m.CheckIn })));
const DeskIntake = lazy(() => import('./frontdesk/DeskIntake').then((m) => ({ default: m.DeskIntake })));
const IntakePrint = lazy(() => import('./frontdesk/IntakePrint').then((m) => ({ default: m.IntakePrint })));
const Questionnaires = lazy(() => import('./frontdesk/Questionnaires').then((m) => ({ default: m.Questionnaires })));
const Schedule = lazy(() => import('./frontdesk/Schedule').then((m) => ({ default: m.Schedule })));
const Backups = lazy(() => import('./screens/Backups').then((m) => ({ default: m.Backups })));
const DiagramsPreview = lazy(() => import('./charting/DiagramsPreview').then((m) => ({ default: m.DiagramsPreview })));
const ChartingScreen = lazy(() => import('./charting/ChartingScreen').then((m) => ({ default: m.ChartingScreen })));
const SessionSummary = lazy(() => import('./charting/SessionSummary').then((m) => ({ default: m.SessionSummary })));
const AftercareSheets = lazy(() => import('./charting/AftercareSheets').then((m) => ({ default: m.AftercareSheets })));
const AftercarePrint = lazy(() => import('./charting/AftercarePrint').then((m) => ({ default: m.AftercarePrint })));

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
          <Suspense fallback={<Loader aria-label="Loading" />}>
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
              <Route path="/aftercare-sheets" element={<AftercareSheets />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
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
