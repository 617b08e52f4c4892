// A scoped logger per module. Quiet by default in tests; SKINCHART_LOG=debug|info|warn|error.
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = (): number => {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const wanted = (env?.SKINCHART_LOG ?? (env?.VITEST ? 'error' : 'info')) as Level;
  return order[wanted] ?? order.info;
};

export interface Logger {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
}

export const logger = (scope: string): Logger => {
  const write = (level: Level) => (msg: string, data?: unknown) => {
    if (order[level] < threshold()) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${msg}`;
    if (data === undefined) console.error(line);
    else console.error(line, data);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
};
