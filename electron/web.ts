// The same app served over HTTP: the built renderer at `/` and every command at `POST /api/<name>`.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { logger } from '../db/log';
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
}

export function startWebServer(options: WebServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(options.rendererDir);
  const route = (req: IncomingMessage, res: ServerResponse) => {
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
  const server = createServer((req, res) => {
    // A malformed address (a broken %-escape, a bad port) must answer 400, never stop the server.
    try {
      route(req, res);
    } catch (e) {
      log.warn(`refused a malformed request: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The request address is not valid' } });
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolveServer({
        url: `http://${options.hostname}:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
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

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '4780' },
      open: { type: 'boolean' },
      'no-open': { type: 'boolean' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const scryptLogN = process.env.SKINCHART_SCRYPT_LOG_N ? Number(process.env.SKINCHART_SCRYPT_LOG_N) : undefined;
  const host = startHost({ dataDir, ...(scryptLogN && { scryptLogN }) });
  const rendererDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
  const server = await startWebServer({ host, rendererDir, port, hostname: '127.0.0.1' });
  // Tests read this line to learn the port; keep its shape.
  process.stdout.write(`Skinchart is open at ${server.url} (records in ${dataDir})\n`);
  const wantsBrowser = values.open ?? (process.stdout.isTTY && !values['no-open']);
  if (wantsBrowser) openInBrowser(server.url);
  const stop = () => {
    void server.close().finally(() => {
      host.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
