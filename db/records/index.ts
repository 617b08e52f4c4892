import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { chartHandlers } from './chart';
import { consentHandlers } from './consents';
import { patientHandlers } from './patients';
import { buildRegistry } from './registry';
import { settingsHandlers } from './settings';
import { userHandlers } from './users';
import { productHandlers } from './products';
import { lotHandlers } from './lots';
import { sessionHandlers } from './sessions';
import { appointmentHandlers } from './appointments';
import { exportHandlers } from './exports';
import { intakeHandlers } from './intake';
import { unlockHandlers } from './unlock';
import { backupHandlers } from './backups';
import { photoHandlers } from './photos';
import { aftercareHandlers } from './aftercare';

/** Every command's implementation, joined once; duplicates and gaps are refused at start-up. */
export const createRegistry = () =>
  buildRegistry([
    authHandlers,
    userHandlers,
    settingsHandlers,
    patientHandlers,
    chartHandlers,
    auditHandlers,
    consentHandlers,
    productHandlers,
    lotHandlers,
    sessionHandlers,
    intakeHandlers,
    appointmentHandlers,
    exportHandlers,
    unlockHandlers,
    backupHandlers,
    photoHandlers,
    aftercareHandlers,
  ]);

export type { Ctx, SignedInUser, HostSettings } from './context';
export type { Registered } from './registry';
