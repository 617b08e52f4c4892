// Runs sandboxed in the renderer's isolated world: it exposes one function and nothing else.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('clinic', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('clinic:call', name, input),
});
