import { type Logger } from 'pino';
export type { Logger };
/** One structured logger per process; request and correlation ids are added as child bindings. */
export declare function createLogger(service: string, level: string): Logger;
