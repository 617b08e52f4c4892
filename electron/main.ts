// The desktop host: one hardened window over the same dispatcher the web server uses.
import { app, BrowserWindow, ipcMain, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { logger } from '../db/log';
import { startHost, type Host } from './host';
import { APP_ORIGIN, CALL_CHANNEL, createIpcHandler, isAppUrl } from './ipc';
import { defaultDataDir } from './paths';
import { handlePdfSaving } from './print-main';
import { CONTENT_SECURITY_POLICY } from './security';

const log = logger('main');

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const resourcesDir = () => (app.isPackaged ? process.resourcesPath : join(__dirname, '../..'));
const rendererDir = () => join(__dirname, '../renderer');

/** Serves the built renderer from app://skinchart/, never from file:// and never outside its folder. */
function serveRenderer() {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (!isAppUrl(request.url)) return new Response('Not found', { status: 404 });
    const root = rendererDir();
    const target = join(root, decodeURIComponent(url.pathname));
    const inside = target.startsWith(root);
    const file = inside && url.pathname !== '/' ? target : join(root, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow() {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Skinchart',
    webPreferences: {
      preload: join(__dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

let host: Host | null = null;

app.whenReady().then(() => {
  // Only the camera (before/after photos) may be asked for; everything else is refused.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? [];
    callback(permission === 'media' && mediaTypes.every((t) => t === 'video'));
  });
  host = startHost({
    dataDir: process.env.SKINCHART_DATA_DIR ?? defaultDataDir(),
    migrationsFolder: join(resourcesDir(), app.isPackaged ? 'migrations' : 'db/migrations'),
    resourcesDir: join(resourcesDir(), 'resources'),
  });
  ipcMain.handle(CALL_CHANNEL, createIpcHandler(host.dispatch));
  handlePdfSaving();
  serveRenderer();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}).catch((e: unknown) => {
  log.error('could not start', e);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => host?.close());
