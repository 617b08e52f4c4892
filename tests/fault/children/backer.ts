// A crash-test child: copies the clinic's database with SQLite's online backup, a few pages at a
// time, until it is killed. (The backup commands will replace this direct call.)
import Database from 'better-sqlite3-multiple-ciphers';
import { writeSync } from 'node:fs';

interface BackerOptions {
  file: string;
  target: string;
  pagesPerStep: number;
  /** A pause after each step, so the copy lasts long enough to be interrupted. */
  pauseMs: number;
}

const say = (line: string) => writeSync(1, `${line}\n`);

const options = JSON.parse(process.argv[2]!) as BackerOptions;
const sql = new Database(options.file);
sql.pragma('busy_timeout = 5000');
const pause = new Int32Array(new SharedArrayBuffer(4));
let announced = false;
let halfWay = false;
sql
  .backup(options.target, {
    progress: ({ totalPages, remainingPages }) => {
      if (!announced) {
        say(`COPYING ${totalPages}`);
        announced = true;
      }
      if (!halfWay && remainingPages < totalPages / 2) {
        say('HALF-WAY');
        halfWay = true;
      }
      Atomics.wait(pause, 0, 0, options.pauseMs);
      return options.pagesPerStep;
    },
  })
  .then(() => {
    say('COPIED');
    sql.close();
  })
  .catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
