// Runs sandboxed in the renderer's isolated world: it exposes two functions and nothing else. The main
// process checks that each call comes from the app's own page.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('clinic', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('clinic:call', name, input),
  unlock: (passphrase: string): Promise<unknown> => ipcRenderer.invoke('clinic:unlock', passphrase),
});
