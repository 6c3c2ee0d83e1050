import { connect, type NatsConnection } from 'nats';
import type { Logger } from '../logging/logger';

/** One connection per process that reconnects forever; status changes are logged. */
export async function connectNats(url: string, name: string, logger: Logger): Promise<NatsConnection> {
  let connection: NatsConnection;
  try {
    connection = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: false });
  } catch (error) {
    throw new Error(`NATS is not reachable at ${url}: ${(error as Error).message} (start it with: nats-server -js)`);
  }
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') logger.warn({ status: status.type, data: status.data }, 'nats connection');
    }
  })();
  return connection;
}
