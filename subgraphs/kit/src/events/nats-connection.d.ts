import { type NatsConnection } from 'nats';
import type { Logger } from '../logging/logger';
/** One connection per process that reconnects forever; status changes are logged. */
export declare function connectNats(url: string, name: string, logger: Logger): Promise<NatsConnection>;
