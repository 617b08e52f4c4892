// The command contract: every command's name, access, input and output. Renderer-safe.
import type { z } from 'zod';
import { auditCommands } from './audit';
import { authCommands } from './auth';
import { chartCommands } from './chart';
import { consentCommands } from './consents';
import { patientCommands } from './patients';
import { settingsCommands } from './settings';
import { productCommands } from './products';
import { lotCommands } from './lots';
import { sessionCommands } from './sessions';
import { appointmentCommands } from './appointments';
import { exportCommands } from './exports';
import { intakeCommands } from './intake';
import { unlockCommands } from './unlock';
import { backupCommands } from './backups';
import { photoCommands } from './photos';
import { aftercareCommands } from './aftercare';

// One area per line, so areas added side by side merge cleanly.
export const contract = [
  ...authCommands,
  ...settingsCommands,
  ...patientCommands,
  ...chartCommands,
  ...auditCommands,
  ...consentCommands,
  ...productCommands,
  ...lotCommands,
  ...sessionCommands,
  ...intakeCommands,
  ...appointmentCommands,
  ...exportCommands,
  ...unlockCommands,
  ...backupCommands,
  ...photoCommands,
  ...aftercareCommands,
] as const;

type AnyCommand = (typeof contract)[number];
export type CommandName = AnyCommand['name'];
type ByName<N extends CommandName> = Extract<AnyCommand, { name: N }>;
/** What a caller sends (before defaults and trimming). */
export type InputOf<N extends CommandName> = z.input<ByName<N>['input']>;
/** What a handler receives (after validation). */
export type ParsedInputOf<N extends CommandName> = z.output<ByName<N>['input']>;
export type OutputOf<N extends CommandName> = z.output<ByName<N>['output']>;

export const commandsByName: ReadonlyMap<string, AnyCommand> = (() => {
  const map = new Map<string, AnyCommand>();
  for (const c of contract) {
    if (map.has(c.name)) throw new Error(`command ${c.name} is defined twice`);
    map.set(c.name, c);
  }
  return map;
})();

export * from './envelope';
export type { Role } from './command';
