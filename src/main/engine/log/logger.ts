// Structured logging: one JSON object per line on stderr, quiet by default (info and up).
// Secrets never reach a log line: callers pass URLs through `redactUrl`.

import { LOG_LEVEL_NAMES } from '../../../shared/log-levels';

export const LOG_LEVELS = LOG_LEVEL_NAMES;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  base: Record<string, unknown> = {},
): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < RANK[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...base, ...fields }, jsonSafe));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

export const silentLogger: Logger = createLogger('silent');

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  return value;
}

/** Drops credentials and query strings from a URL so it can be logged or shown. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const hadQuery = url.search.length > 0;
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString() + (hadQuery ? '?…' : '');
  } catch {
    return '<invalid url>';
  }
}
