// The desktop shell (electron/main.ts) run with the `electron` module substituted: Electron itself
// cannot run on our build machines, but its wiring can be checked call by call.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readKeyring } from '../../db/keyring';
import { permissionAllowed, permissionCheckAllowed, rendererFileFor } from '../../electron/shell-policy';

type Handler = (...args: unknown[]) => unknown;

const shell = vi.hoisted(() => ({
  backend: 'basic_text',
  ipc: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
  appEvents: new Map<string, (...args: unknown[]) => unknown>(),
  windows: [] as { opts: { webPreferences: Record<string, unknown> }; url?: string }[],
  protocolHandler: null as null | ((request: { url: string }) => Promise<Response>),
  permissionRequest: null as null | ((...args: unknown[]) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  sandboxAll: false,
  fetched: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => shell.windows;
    opts: unknown;
    constructor(opts: unknown) {
      this.opts = opts;
      shell.windows.push(this as never);
    }
    loadURL(url: string) {
      (this as { url?: string }).url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      isPackaged: false,
      getAppPath: () => process.cwd(),
      enableSandbox: () => (shell.sandboxAll = true),
      whenReady: () => Promise.resolve(),
      on: (event: string, fn: Handler) => shell.appEvents.set(event, fn),
      exit: () => undefined,
      quit: () => undefined,
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: Handler) => shell.ipc.set(channel, fn as never) },
    net: {
      fetch: async (url: string) => {
        shell.fetched.push(url);
        return new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } });
      },
    },
    protocol: {
      registerSchemesAsPrivileged: () => undefined,
      handle: (_scheme: string, fn: Handler) => (shell.protocolHandler = fn as never),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => shell.backend,
      encryptString: (s: string) => Buffer.from(`sealed:${Buffer.from(s).toString('base64')}`),
      decryptString: (b: Buffer) => Buffer.from(b.toString().replace(/^sealed:/, ''), 'base64').toString(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (shell.permissionRequest = fn as never),
        setPermissionCheckHandler: (fn: Handler) => (shell.permissionCheck = fn as never),
      },
    },
  };
});

const fromApp = { sender: { id: 1 }, senderFrame: { url: 'app://skinchart/index.html#/' } };
const fromElsewhere = { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } };

async function startShell(backend: string) {
  shell.backend = backend;
  shell.ipc.clear();
  shell.appEvents.clear();
  shell.windows.length = 0;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'skinchart-desktop-')), 'data');
  process.env.SKINCHART_DATA_DIR = dataDir;
  vi.resetModules();
  await import('../../electron/main');
  await new Promise((r) => setTimeout(r, 0));
  const call = (name: string, input: unknown = {}, event: object = fromApp) => shell.ipc.get('clinic:call')!(event, name, input);
  const unlock = (passphrase: unknown, event: object = fromApp) => shell.ipc.get('clinic:unlock')!(event, passphrase);
  return { dataDir, call, unlock };
}

describe('the desktop shell', () => {
  beforeEach(() => {
    delete process.env.SKINCHART_DATA_DIR;
  });
  afterEach(() => {
    shell.appEvents.get('will-quit')?.();
  });

  it('opens one hardened window, sandboxes every renderer, and serves only the app’s own files', async () => {
    await startShell('gnome_libsecret');
    expect(shell.sandboxAll).toBe(true);
    expect(shell.windows).toHaveLength(1);
    const win = shell.windows[0]!;
    expect(win.url).toBe('app://skinchart/index.html');
    expect(win.opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    const served = await shell.protocolHandler!({ url: 'app://skinchart/index.html' });
    expect(served.headers.get('Content-Security-Policy')).toMatch(/script-src 'self'/);
    expect((await shell.protocolHandler!({ url: 'app://skinchart/..%2f..%2fmain%2fmain.cjs' })).status).toBe(404);
    expect((await shell.protocolHandler!({ url: 'app://elsewhere/index.html' })).status).toBe(404);
    expect(shell.fetched.every((u) => u.endsWith('/renderer/index.html'))).toBe(true);
  });

  it('every web contents refuses navigation away, new windows and webviews', async () => {
    await startShell('gnome_libsecret');
    const listeners = new Map<string, Handler>();
    let openHandler: Handler | null = null;
    const contents = { on: (e: string, fn: Handler) => listeners.set(e, fn), setWindowOpenHandler: (fn: Handler) => (openHandler = fn) };
    shell.appEvents.get('web-contents-created')!({}, contents);
    const attempt = (event: string, url?: string) => {
      const e = { prevented: false, preventDefault() {
        this.prevented = true;
      } };
      listeners.get(event)!(e, url);
      return e.prevented;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-navigate', 'app://skinchart/index.html#/audit')).toBe(false);
    expect(attempt('will-redirect', 'http://127.0.0.1:4780/')).toBe(true);
    expect(attempt('will-attach-webview')).toBe(true);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('allows the camera to the app’s own page and nothing else', async () => {
    await startShell('gnome_libsecret');
    const ask = (permission: string, details: object) =>
      new Promise<boolean>((resolve) => shell.permissionRequest!({}, permission, resolve, details));
    expect(await ask('media', { requestingUrl: 'app://skinchart/index.html', mediaTypes: ['video'] })).toBe(true);
    expect(await ask('media', { requestingUrl: 'app://skinchart/index.html', mediaTypes: ['audio'] })).toBe(false);
    expect(await ask('media', { requestingUrl: 'app://skinchart/index.html', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(await ask('media', { requestingUrl: 'app://skinchart/index.html', mediaTypes: [] })).toBe(false);
    expect(await ask('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      expect(await ask(p, { requestingUrl: 'app://skinchart/index.html' })).toBe(false);
    }
    expect(shell.permissionCheck!({}, 'media', 'app://skinchart')).toBe(true);
    expect(shell.permissionCheck!({}, 'media', 'https://evil.example')).toBe(false);
    expect(shell.permissionCheck!({}, 'geolocation', 'app://skinchart')).toBe(false);
  });

  it('with a real secret store, the key is wrapped by it and the records open at once', async () => {
    const { dataDir, call } = await startShell('gnome_libsecret');
    expect(await call('auth.status')).toMatchObject({ ok: true, value: { needsSetup: true } });
    const keyring = readKeyring(dataDir)!;
    expect(keyring.slots.map((s) => s.kind)).toEqual(['safe_storage']);
    expect(readFileSync(join(dataDir, 'keyring.json'), 'utf8')).toMatch(/"sealed": "c2VhbGVk/); // wrapped by the store
    expect(await call('auth.status', {}, fromElsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('with basic_text (Linux, no keyring) it says so and asks for a clinic passphrase; only the app may unlock', async () => {
    const { dataDir, call, unlock } = await startShell('basic_text');
    const locked = (await call('auth.status')) as { ok: false; error: { code: string; message: string; details: unknown } };
    expect(locked.error.code).toBe('locked');
    expect(locked.error.message).toMatch(/no system keyring .*basic_text.* clinic passphrase/);
    expect(locked.error.details).toEqual({ vault: 'choose' });
    expect(await unlock('a passphrase long enough', fromElsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readKeyring(dataDir)).toBeNull();
    expect(await unlock('short')).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/at least 12/) } });
    expect(await unlock('a passphrase long enough')).toEqual({ ok: true, value: { ok: true } });
    expect(await call('auth.status')).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(readKeyring(dataDir)!.slots.map((s) => s.kind)).toEqual(['passphrase']);
    shell.appEvents.get('before-quit')!();
  }, 20_000);
});

describe('shell policy', () => {
  it('app:// requests resolve inside the renderer folder only', () => {
    const root = join(tmpdir(), 'renderer');
    expect(rendererFileFor(root, 'app://skinchart/')).toBe(join(root, 'index.html'));
    for (const url of [
      'app://skinchart/../main/main.cjs',
      'app://skinchart/..%2F..%2Fetc%2Fpasswd',
      'app://skinchart/%2e%2e/%2e%2e/secret',
      'app://skinchart/assets/%00.js',
      'app://skinchart/..%5C..%5Cwindows',
      'app://skinchart/%E0%A4%A',
      'https://skinchart/index.html',
      'app://skinchart.evil/index.html',
    ]) {
      const file = rendererFileFor(root, url);
      expect(file === null || file === join(root, 'index.html'), url).toBe(true);
    }
    // A sibling folder whose name starts like the renderer's is outside it.
    expect(rendererFileFor(root, 'app://skinchart/../renderer-evil/x.js')).toBe(join(root, 'index.html'));
  });

  it('permission rules as a table', () => {
    expect(permissionAllowed('media', { requestingUrl: 'app://skinchart/', mediaTypes: ['video'] })).toBe(true);
    expect(permissionAllowed('media', { mediaTypes: ['video'] })).toBe(false);
    expect(permissionCheckAllowed('media', 'app://skinchart')).toBe(true);
  });
});
