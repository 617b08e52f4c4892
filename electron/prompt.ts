// Asking for a passphrase at the terminal without showing it.
import type { Prompter } from './serve-key';

export const terminalPrompter = (input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Prompter => ({
  secret: (question) =>
    new Promise((resolve, reject) => {
      if (!input.isTTY) {
        reject(new Error('A passphrase is needed, but there is no terminal to type it in. Run `npm run serve` in a terminal, or use --key-file FILE.'));
        return;
      }
      output.write(question);
      input.setRawMode(true);
      input.resume();
      let typed = '';
      const done = (error?: Error) => {
        input.setRawMode(false);
        input.pause();
        input.off('data', onData);
        output.write('\n');
        if (error) reject(error);
        else resolve(typed);
      };
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return done();
          if (ch === '\u0003') return done(new Error('Cancelled'));
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else if (ch >= ' ') typed += ch;
        }
      };
      input.on('data', onData);
    }),
});
