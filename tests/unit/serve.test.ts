import { spawn } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { databaseFileIn } from '../../db/data-folder';
import { defaultKeyFile, readKeyFile, readKeyring, writeKeyFile } from '../../db/keyring';
import { openDatabase } from '../../db/open';
import { rekeyDataFolder } from '../../db/rekey';
import { terminalPrompter } from '../../electron/prompt';
import { resolveServeKey, type Prompter } from '../../electron/serve-key';
import { ensureCertificate } from '../../electron/tls';
import { hostHeaderAllowed } from '../../electron/web';
import { api } from '../support/server';
import { ADMIN_PASSWORD, testHost, withStaff } from '../support/host';

const folder = () => join(mkdtempSync(join(tmpdir(), 'skinchart-serve-')), 'clinic');
const answers = (...typed: string[]): Prompter & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    secret: async (q) => {
      asked.push(q);
      const next = typed.shift();
      if (next === undefined) throw new Error('no more answers');
      return next;
    },
  };
};
const noPrompt = answers();

describe('how `npm run serve` finds the key', () => {
  it('by default makes a key file beside the data folder on the first run, readable by its owner only, and reuses it', async () => {
    const dataDir = folder();
    const first = await resolveServeKey({ dataDir, prompt: noPrompt });
    expect(first.notes.join(' ')).toMatch(/new encryption key .* was written to .*clinic\.key/);
    expect(statSync(defaultKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    openDatabase({ file: databaseFileIn(dataDir), key: first.key }).close();
    const second = await resolveServeKey({ dataDir, prompt: noPrompt });
    expect(second.key).toEqual(first.key);
    expect(second.notes).toEqual([]);
  });

  it('refuses, with directions, to make a new key for records that are already encrypted', async () => {
    const dataDir = folder();
    const { key } = await resolveServeKey({ dataDir, prompt: noPrompt });
    openDatabase({ file: databaseFileIn(dataDir), key }).close();
    const moved = join(dataDir, '..', 'elsewhere.key');
    writeKeyFile(moved, key);
    rmSync(defaultKeyFile(dataDir));
    await expect(resolveServeKey({ dataDir, prompt: noPrompt })).rejects.toThrow(/encrypted and their key is not at .*--key-file FILE, or --passphrase/);
    expect(existsSync(defaultKeyFile(dataDir))).toBe(false);
    expect((await resolveServeKey({ dataDir, keyFile: moved, prompt: noPrompt })).key).toEqual(key);
    await expect(resolveServeKey({ dataDir, keyFile: join(dataDir, '..', 'missing.key'), prompt: noPrompt })).rejects.toThrow(/does not exist/);
  });

  it('a clinic passphrase: chosen twice on first use, asked at every start, wrong ones refused', async () => {
    const dataDir = folder();
    const choose = answers('our long clinic phrase', 'our long clinic phrase');
    const first = await resolveServeKey({ dataDir, passphrase: true, prompt: choose, keyLogN: 10 });
    expect(choose.asked).toEqual(['Choose a clinic passphrase (at least 12 characters): ', 'Type it again: ']);
    expect(readKeyring(dataDir)!.slots.map((s) => s.kind)).toEqual(['passphrase']);
    expect(readFileSync(join(dataDir, 'keyring.json'), 'utf8')).not.toContain(first.key.toString('hex'));
    // No flag needed afterwards: the folder's keyring says a passphrase is needed.
    expect((await resolveServeKey({ dataDir, prompt: answers('our long clinic phrase') })).key).toEqual(first.key);
    await expect(resolveServeKey({ dataDir, prompt: answers('a wrong phrase!!') })).rejects.toThrow(/Wrong passphrase/);
    await expect(resolveServeKey({ dataDir: folder(), passphrase: true, prompt: answers('short') })).rejects.toThrow(/at least 12/);
    await expect(resolveServeKey({ dataDir: folder(), passphrase: true, prompt: answers('long enough one', 'long enough two') })).rejects.toThrow(/differ/);
  });

  it('--rekey keeps each way of holding the key working with the new key', async () => {
    for (const passphrase of [false, true]) {
      const dataDir = folder();
      const typed = () => answers('our long clinic phrase', 'our long clinic phrase');
      const first = await resolveServeKey({ dataDir, passphrase, prompt: typed(), keyLogN: 10 });
      openDatabase({ file: databaseFileIn(dataDir), key: first.key }).close();
      const newKey = await rekeyDataFolder(dataDir, first.key, first.store);
      const again = await resolveServeKey({ dataDir, prompt: typed(), keyLogN: 10 });
      expect(again.key.equals(newKey) && !newKey.equals(first.key)).toBe(true);
      openDatabase({ file: databaseFileIn(dataDir), key: again.key }).close();
      expect(() => openDatabase({ file: databaseFileIn(dataDir), key: first.key })).toThrow(/key is wrong/);
    }
  });

  it('without a terminal, a passphrase prompt says what to do instead of waiting', async () => {
    const notATerminal = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
    const out = new PassThrough() as unknown as NodeJS.WriteStream;
    await expect(terminalPrompter(notATerminal, out).secret('Passphrase: ')).rejects.toThrow(/no terminal .* --key-file/);
  });
});

describe('the web host', () => {
  it('on this computer, answers only requests addressed to this computer (no DNS rebinding)', () => {
    expect(hostHeaderAllowed('127.0.0.1:4780', true)).toBe(true);
    expect(hostHeaderAllowed('localhost:4780', true)).toBe(true);
    expect(hostHeaderAllowed('[::1]:4780', true)).toBe(true);
    expect(hostHeaderAllowed('evil.example:4780', true)).toBe(false);
    expect(hostHeaderAllowed('127.0.0.1.evil.example', true)).toBe(false);
    expect(hostHeaderAllowed(undefined, true)).toBe(false);
    expect(hostHeaderAllowed('clinic-pc.local:4780', false)).toBe(true);
  });

  it('keeps its LAN certificate in the data folder, its private key sealed, and reuses it', async () => {
    const dataDir = folder();
    const key = randomBytes(32);
    const made = await ensureCertificate(dataDir, key);
    expect(made.created).toBe(true);
    expect(made.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(readFileSync(join(dataDir, 'tls', 'key.pem.sealed')).includes('PRIVATE KEY')).toBe(false);
    const again = await ensureCertificate(dataDir, key);
    expect([again.created, again.fingerprint256, again.key]).toEqual([false, made.fingerprint256, made.key]);
    expect(new X509Certificate(made.cert).subjectAltName).toMatch(/DNS:localhost.*IP Address:127\.0\.0\.1/);
  });

  it('--lan serves HTTPS only, and prints the fingerprint of the certificate it presents', async () => {
    const dataDir = folder();
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', '--data-dir', dataDir, '--port', '0', '--no-open', '--lan'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /open at (https:\/\/\S+\/)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const printed = /fingerprint: (\S+)/.exec(err)?.[1];
      const port = Number(new URL(url).port);
      const presented = await new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
          resolve(socket.getPeerCertificate().fingerprint256);
          socket.end();
        });
        socket.once('error', reject);
      });
      expect(presented).toBe(printed);
      const plain = await fetch(`http://127.0.0.1:${port}/api/auth.status`, { method: 'POST' }).then(
        () => 'answered',
        () => 'refused',
      );
      expect(plain).toBe('refused');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('--restore brings a backup into a new folder on another computer and starts on it', async () => {
    const key = randomBytes(32);
    const source = testHost({ key });
    const staff = await withStaff(source);
    await source.call('patients.create', { firstName: 'Noor', lastName: 'Haddad', dateOfBirth: '1979-09-09' }, staff.frontDesk);
    const b = await source.call('backup.create', {}, staff.admin);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'skinchart-usb-')), 'clinic.key');
    writeKeyFile(keyFile, key);
    const target = folder();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/web.ts', '--data-dir', target, '--port', '0', '--no-open', '--restore', b.path, '--key-file', keyFile],
      { env: { ...process.env, SKINCHART_SCRYPT_LOG_N: '10' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /open at (http:\/\/\S+\/)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(err).toMatch(/verified and restored into/);
      const login = await api<{ token: string }>(url, 'auth.login', { username: 'ada', password: ADMIN_PASSWORD });
      const token = login.body.ok ? login.body.value.token : '';
      const found = await api<{ items: { lastName: string }[] }>(url, 'patients.search', { query: 'haddad' }, token);
      expect(found.body.ok && found.body.value.items.map((p) => p.lastName)).toEqual(['Haddad']);
      expect(readKeyFile(keyFile)).toEqual(key);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
