import { execFileSync } from 'node:child_process';

// The web host serves the built renderer; build it once for the whole run.
export default function globalSetup() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
