// Runs sandboxed in the renderer's isolated world: it exposes two functions and nothing else. The main
// process checks that each call comes from the app's own page.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('clinic', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('clinic:call', name, input),
  unlock: (passphrase: string): Promise<unknown> => ipcRenderer.invoke('clinic:unlock', passphrase),
});

// Sheets are saved as PDF by the main process (printToPDF), which asks the user where.
contextBridge.exposeInMainWorld('clinicPrint', {
  savePdf: (request: { fileName: string; paper: 'A4' | 'Letter' }): Promise<unknown> => ipcRenderer.invoke('clinic:savePdf', request),
});
