import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { backupHandlers } from './backups';
import { patientHandlers } from './patients';
import { buildRegistry } from './registry';
import { settingsHandlers } from './settings';
import { userHandlers } from './users';

/** Every command's implementation, joined once; duplicates and gaps are refused at start-up. */
export const createRegistry = () => buildRegistry([authHandlers, userHandlers, settingsHandlers, patientHandlers, auditHandlers, backupHandlers]);

export type { Ctx, SignedInUser, HostSettings } from './context';
export type { Registered } from './registry';
