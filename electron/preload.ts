// Runs sandboxed in the renderer's isolated world: it exposes one function and nothing else.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('clinic', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('clinic:call', name, input),
});

// Sheets are saved as PDF by the main process (printToPDF), which asks the user where.
contextBridge.exposeInMainWorld('clinicPrint', {
  savePdf: (request: { fileName: string; paper: 'A4' | 'Letter' }): Promise<unknown> => ipcRenderer.invoke('clinic:savePdf', request),
});
