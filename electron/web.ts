// The same app served over HTTP: the built renderer at `/` and every command at `POST /api/<name>`.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readManifest, restoreBackup } from '../db/backup-files';
import { readKeyFile, readKeyring, unlockWithPassphrase } from '../db/keyring';
import { logger } from '../db/log';
import { finishPendingRekey, rekeyDataFolder } from '../db/rekey';
import { startBackupSchedule } from './backup-schedule';
import { terminalPrompter } from './prompt';
import { resolveServeKey, type Prompter } from './serve-key';
import { ensureCertificate, lanAddresses } from './tls';
import { startHost, type Host } from './host';
import { defaultDataDir } from './paths';
import { CONTENT_SECURITY_POLICY } from './security';

const log = logger('web');
const MAX_BODY_BYTES = 16 * 1024 * 1024; // a photo sent as a data URL fits; anything bigger is refused

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
};

const readBody = (req: IncomingMessage): Promise<Buffer | 'too_large'> =>
  new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolveBody('too_large');
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const bearerToken = (req: IncomingMessage): string | null => {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1] ?? null;
};

async function handleApi(host: Host, name: string, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST' } });
  const body = await readBody(req);
  if (body === 'too_large') {
    return sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: 'The request is too large (16 MB at most)' } });
  }
  let input: unknown = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON' } });
    }
  }
  const { status, body: envelope } = await host.dispatch(name, input, bearerToken(req));
  sendJson(res, status, envelope);
}

function serveStatic(root: string, urlPath: string, res: ServerResponse) {
  const decoded = decodeURIComponent(urlPath);
  const target = normalize(join(root, decoded));
  const inside = target === root || target.startsWith(root + sep);
  // Unknown paths get the app itself: routes live after the # in the renderer.
  const file = inside && existsSync(target) && statSync(target).isFile() ? target : join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The app has not been built: run `npm run serve` (it builds first).');
    return;
  }
  res.writeHead(200, { ...securityHeaders, 'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export interface WebServerOptions {
  host: Host;
  rendererDir: string;
  port: number;
  hostname: string;
  /** LAN mode: HTTPS with this certificate. Without it the server must listen on loopback only. */
  tls?: { cert: string; key: string };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * On loopback, only requests addressed to this computer by name are served: a web page elsewhere
 * cannot reach the records by pointing its own domain name at 127.0.0.1 (DNS rebinding).
 */
export const hostHeaderAllowed = (hostHeader: string | undefined, listeningOnLoopback: boolean): boolean => {
  if (!listeningOnLoopback) return true;
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : hostHeader.replace(/:\d+$/, '');
  return LOOPBACK.has(name.toLowerCase());
};

export function startWebServer(options: WebServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(options.rendererDir);
  const loopback = LOOPBACK.has(options.hostname);
  if (!loopback && !options.tls) throw new Error('Serving beyond this computer needs TLS (use --lan, which makes a certificate).');
  const route = (req: IncomingMessage, res: ServerResponse) => {
    if (!hostHeaderAllowed(req.headers.host, loopback)) {
      return sendJson(res, 421, { ok: false, error: { code: 'forbidden', message: 'Use http://127.0.0.1 to reach Skinchart on this computer' } });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (api) {
      handleApi(options.host, api[1]!, req, res).catch((e: unknown) => {
        log.error('request failed', e);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Something went wrong' } });
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'Unknown command' } });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use GET' } });
    serveStatic(root, url.pathname, res);
  };
  const listener: RequestListener = (req, res) => {
    // A malformed address (a broken %-escape, a bad port) must answer 400, never stop the server.
    try {
      route(req, res);
    } catch (e) {
      log.warn(`refused a malformed request: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The request address is not valid' } });
    }
  };
  const server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, listener)
    : createServer(listener);
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const shownHost = options.hostname === '0.0.0.0' ? (lanAddresses()[0] ?? '127.0.0.1') : options.hostname;
      resolveServer({
        url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}/`,
        // Browsers keep connections open between requests; on quit, give answers in flight a moment, then close them all.
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 1000).unref();
          }),
      });
    });
  });
}

const openInBrowser = (url: string) => {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => log.info(`open ${url} in your browser`));
  child.unref();
};

const usage = `Usage: npm run serve -- [options]
  --data-dir DIR     the clinic's data folder (default: the per-user data folder)
  --port N           port to listen on (default 4780; 0 picks a free one)
  --key-file FILE    the encryption key is in FILE (a new key is written there for new records)
  --passphrase       type the clinic passphrase (or the recovery key) instead of using a key file
  --lan              serve the clinic's network over HTTPS (self-signed certificate, fingerprint printed)
  --rekey            replace the encryption key before starting (database, photos and key file or keyring)
  --restore DIR      restore the backup in DIR into --data-dir (which must be new or empty), then start
  --no-open          do not open a browser
`;

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '4780' },
      open: { type: 'boolean' },
      'no-open': { type: 'boolean' },
      'key-file': { type: 'string' },
      passphrase: { type: 'boolean' },
      lan: { type: 'boolean' },
      rekey: { type: 'boolean' },
      restore: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(usage);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const scryptLogN = process.env.SKINCHART_SCRYPT_LOG_N ? Number(process.env.SKINCHART_SCRYPT_LOG_N) : undefined;
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const prompt = values.restore ? rememberAnswers(terminalPrompter()) : terminalPrompter();
  const keyFile = values['key-file'] ? resolve(values['key-file']) : undefined;

  if (values.restore) {
    const from = resolve(values.restore);
    const keys = await keysForBackup(from, keyFile, !!values.passphrase, prompt);
    const verdict = restoreBackup(from, keys, dataDir, new Date());
    if (!verdict.ok) throw new Error(`The backup in ${from} did not pass its checks, so nothing was restored:\n  ${verdict.problems.join('\n  ')}`);
    say(`The backup in ${from} was verified and restored into ${dataDir}.`);
  }

  const found = await resolveServeKey({ dataDir, keyFile, passphrase: values.passphrase, prompt, ...(scryptLogN && { keyLogN: scryptLogN }) });
  for (const note of found.notes) say(note);
  let key = await finishPendingRekey(dataDir, found.key, found.store);
  if (values.rekey) {
    key = await rekeyDataFolder(dataDir, key, found.store);
    say('The encryption key was replaced. Older backups still open (the previous key is kept, sealed, in the data folder); make a fresh backup now.');
  }

  const host = startHost({ dataDir, key, ...(scryptLogN && { scryptLogN }) });
  const rendererDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
  let tls: { cert: string; key: string } | undefined;
  if (values.lan) {
    const identity = await ensureCertificate(dataDir, key);
    tls = identity;
    say(`${identity.created ? 'A new certificate was made' : 'Using the certificate'} in ${join(dataDir, 'tls')} (valid to ${identity.validTo}).`);
    say(`Certificate SHA-256 fingerprint: ${identity.fingerprint256}`);
    say('Check that each browser shows this fingerprint the first time it connects.');
  }
  const server = await startWebServer({ host, rendererDir, port, hostname: values.lan ? '0.0.0.0' : '127.0.0.1', ...(tls && { tls }) });
  const schedule = startBackupSchedule(host);
  // Tests read this line to learn the port; keep its shape.
  process.stdout.write(`Skinchart is open at ${server.url} (records in ${dataDir})\n`);
  const wantsBrowser = values.open ?? (process.stdout.isTTY && !values['no-open']);
  if (wantsBrowser) openInBrowser(server.url);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().finally(() => {
      schedule.onQuit();
      host.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Asks once per question kind: a passphrase typed to check a backup also opens the restored folder. */
const rememberAnswers = (inner: Prompter): Prompter => {
  let last: string | null = null;
  return { secret: async (q) => (last ??= await inner.secret(q)) };
};

/** The keys that may open a backup: from a key file, or unwrapped from the backup's own keyring. */
async function keysForBackup(dir: string, keyFile: string | undefined, passphrase: boolean, prompt: Prompter): Promise<Buffer[]> {
  const manifest = readManifest(dir);
  if (manifest.keyId === null) return [];
  if (keyFile) return [readKeyFile(keyFile)];
  const keyring = readKeyring(dir);
  if (passphrase && keyring) return [await unlockWithPassphrase(keyring, await prompt.secret('Clinic passphrase or recovery key for this backup: '))];
  throw new Error('This backup is encrypted: give its key with --key-file FILE, or --passphrase to type the clinic passphrase or the recovery key.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
