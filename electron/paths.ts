import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the clinic's records live when no folder is given: the platform's per-user data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Skinchart');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Skinchart');
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'skinchart');
  }
}

export { DATABASE_FILE } from '../db/data-folder';
