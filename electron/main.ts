// The desktop host: one hardened window over the same dispatcher the web server uses. Only wiring
// lives here; every decision is a plain function in shell-policy.ts, desktop-vault.ts, desktop-bridge.ts.
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { logger } from '../db/log';
import { startBackupSchedule, type BackupSchedule } from './backup-schedule';
import { createDesktopBridge, UNLOCK_CHANNEL } from './desktop-bridge';
import { openVault } from './desktop-vault';
import { startHost } from './host';
import { APP_ORIGIN, CALL_CHANNEL } from './ipc';
import { defaultDataDir } from './paths';
import { handlePdfSaving } from './print-main';
import { CONTENT_SECURITY_POLICY } from './security';
import { navigationAllowed, permissionAllowed, permissionCheckAllowed, rendererFileFor } from './shell-policy';

const log = logger('main');

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// Every renderer runs in Chromium's sandbox, whatever a window asks for.
app.enableSandbox();

// Packaged: the installer's resources folder; from source: the project folder.
const resourcesDir = () => (app.isPackaged ? process.resourcesPath : app.getAppPath());
const rendererDir = () => join(__dirname, '../renderer');

/** Serves the built renderer from app://skinchart/, never from file:// and never outside its folder. */
function serveRenderer() {
  protocol.handle('app', async (request) => {
    const file = rendererFileFor(rendererDir(), request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Applied to every web contents the app ever creates: no navigation away, no new windows, no webviews. */
function lockDown(contents: WebContents) {
  contents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!navigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links to the outside world are not opened, not even in the system browser.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow() {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Skinchart',
    // Per Electron's security checklist; written out here so static audits (electronegativity) can read it.
    webPreferences: {
      preload: join(__dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would open links in a new window; there are none to open.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

let schedule: BackupSchedule | null = null;
let closeHost: (() => void) | null = null;

app.on('web-contents-created', (_event, contents) => lockDown(contents));

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionAllowed(permission, { requestingUrl: details.requestingUrl, mediaTypes: (details as { mediaTypes?: string[] }).mediaTypes ?? [] })),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionCheckAllowed(permission, requestingOrigin));
  const dataDir = process.env.SKINCHART_DATA_DIR ?? defaultDataDir();
  const bridge = createDesktopBridge({
    dataDir,
    vault: openVault(dataDir, safeStorage),
    start: (key) => {
      const host = startHost({
        dataDir,
        key,
        migrationsFolder: join(resourcesDir(), app.isPackaged ? 'migrations' : 'db/migrations'),
        resourcesDir: join(resourcesDir(), 'resources'),
      });
      schedule = startBackupSchedule(host);
      closeHost = () => host.close();
      return host;
    },
  });
  ipcMain.handle(CALL_CHANNEL, bridge.call);
  ipcMain.handle(UNLOCK_CHANNEL, bridge.unlock);
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

// The closing backup runs before the records close (it is synchronous: VACUUM INTO and its checks).
app.on('before-quit', () => {
  schedule?.onQuit();
  schedule = null;
});
app.on('will-quit', () => closeHost?.());
