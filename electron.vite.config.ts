import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import renderer from './vite.config';

// The desktop build: main and preload as CommonJS (a sandboxed preload cannot be a module), renderer as for the web.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(import.meta.dirname, 'electron/main.ts'), formats: ['cjs'], fileName: () => 'main.cjs' },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(import.meta.dirname, 'electron/preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
    },
  },
  renderer: {
    ...renderer,
    build: { ...renderer.build, rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') } },
  },
});
