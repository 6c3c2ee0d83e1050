import pino, { type Logger } from 'pino';

export type { Logger };

/** One structured logger per process; request and correlation ids are added as child bindings. */
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service } });
}
