// The desktop app's "Save as PDF": Electron's printToPDF and save dialog, joined by electron/print.ts.
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isTrustedSender } from './ipc';
import { SAVE_PDF_CHANNEL, savePdf } from './print';

export function handlePdfSaving(): void {
  ipcMain.handle(SAVE_PDF_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'Untrusted caller' } };
    const win = BrowserWindow.fromWebContents(event.sender);
    return savePdf(request, {
      printToPDF: (options) => event.sender.printToPDF(options),
      chooseFile: async (name) => {
        const options = { defaultPath: join(app.getPath('documents'), name), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
        const answer = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return answer.canceled || !answer.filePath ? null : answer.filePath;
      },
      writeFile: (path, data) => writeFile(path, data),
    });
  });
}
