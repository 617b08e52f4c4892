// A crash-test child: opens the clinic the way `npm run serve` does (the real host, the clinic's key
// from the key file kept beside the data folder) and makes backups with `backup.create` through the dispatcher,
// one after another, until it is killed. `START n` is printed just before a backup is asked for and
// `DONE n <id> <ms>` only after the dispatcher answered that it was made, checked and recorded.
import { writeSync } from 'node:fs';
import { startHost } from '../../../electron/host';
import { resolveServeKey } from '../../../electron/serve-key';

interface BackupMakerOptions {
  dataDir: string;
  migrationsFolder: string;
  resourcesDir: string;
  username: string;
  password: string;
}

const say = (line: string) => writeSync(1, `${line}\n`);

async function main() {
  const options = JSON.parse(process.argv[2]!) as BackupMakerOptions;
  const noPrompt = { secret: () => Promise.reject(new Error('no terminal: the key comes from the key file')) };
  const { key } = await resolveServeKey({ dataDir: options.dataDir, prompt: noPrompt });
  const host = startHost({ dataDir: options.dataDir, migrationsFolder: options.migrationsFolder, resourcesDir: options.resourcesDir, key, scryptLogN: 4 });
  const login = await host.dispatch('auth.login', { username: options.username, password: options.password }, null);
  if (!login.body.ok) throw new Error(`sign-in refused: ${login.body.error.message}`);
  const token = (login.body.value as { token: string }).token;
  say('READY');
  for (let n = 0; ; n++) {
    say(`START ${n}`);
    const started = performance.now();
    const { body } = await host.dispatch('backup.create', {}, token);
    if (!body.ok) {
      say(`REFUSED ${body.error.code} ${body.error.message}`);
      process.exit(2);
    }
    const made = body.value as { id: number; integrity: string };
    if (made.integrity !== 'ok') {
      say(`FAILED ${made.id} ${made.integrity}`);
      process.exit(3);
    }
    say(`DONE ${n} ${made.id} ${Math.round(performance.now() - started)}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
