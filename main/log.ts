// The station's diagnostic log: one JSON line per entry on stderr. Callers pass facts, never key
// material; error objects are reduced to their name and message.
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, error: unknown): void;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-error value thrown';
}

export function createLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const log: Logger['log'] = (level, event, fields = {}) => {
    write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
  };
  return { log, error: (event, error) => log('error', event, { error: describeError(error) }) };
}

export const silentLogger: Logger = { log: () => {}, error: () => {} };
