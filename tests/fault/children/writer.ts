// A crash-test child: writes records through the real host and dispatcher until it is killed.
// It prints `ACK <json>` only after the dispatcher answered ok, with a synchronous write, so
// every acknowledgement the parent reads is a write the clinic was told had been saved.
import { writeSync } from 'node:fs';
import { startHost } from '../../../electron/host';
import { seededRandom } from '../support/random';
import { writeSteps, type WriterState } from '../support/write-steps';

interface WriterOptions {
  dataDir: string;
  migrationsFolder: string;
  resourcesDir: string;
  username: string;
  password: string;
  run: number;
  seed: number;
}

const say = (line: string) => writeSync(1, `${line}\n`);

async function main() {
  const options = JSON.parse(process.argv[2]!) as WriterOptions;
  const host = startHost({ dataDir: options.dataDir, migrationsFolder: options.migrationsFolder, resourcesDir: options.resourcesDir, scryptLogN: 4 });
  const login = await host.dispatch('auth.login', { username: options.username, password: options.password }, null);
  if (!login.body.ok) throw new Error(`sign-in refused: ${login.body.error.message}`);
  const token = (login.body.value as { token: string }).token;
  say('READY');
  const state: WriterState = { run: options.run, acked: 0, random: seededRandom(options.seed), patients: [] };
  for (let i = 0; ; i++) {
    const step = writeSteps[i % writeSteps.length]!;
    const input = step.input(state);
    if (!input) continue;
    const { body } = await host.dispatch(step.command, input, token);
    if (!body.ok) {
      say(`REFUSED ${step.name}: ${body.error.code} ${body.error.message}`);
      process.exit(2);
    }
    const ack = step.acknowledge(state, body.value, input);
    state.acked++;
    say(`ACK ${JSON.stringify(ack)}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
