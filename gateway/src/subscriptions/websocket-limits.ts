import type { EnvReader } from '@ultramarket/kit';

/** What one WebSocket client may hold at the gateway; refusals and their close codes are in docs/errors.md. */
export interface WebSocketLimits {
  maxMessageBytes: number;
  connectionInitTimeoutMs: number;
  maxSubscriptionsPerSocket: number;
  /** Counted per gateway replica (in process): a client spread over n replicas may hold n times as many. */
  maxSocketsPerAddress: number;
  maxSocketsPerUser: number;
  /** Events waiting for one subscriber; past this the subscriber is a slow consumer and its socket closes. */
  maxQueuedEvents: number;
  /** Bytes the socket has not yet handed to the network; past this the socket closes as a slow consumer. */
  maxBufferedBytes: number;
}

export function readWebSocketLimits(read: EnvReader): WebSocketLimits {
  return {
    maxMessageBytes: read.int('WS_MAX_MESSAGE_BYTES', 64 * 1024, { min: 1024 }),
    connectionInitTimeoutMs: read.int('WS_CONNECTION_INIT_TIMEOUT_MS', 3000, { min: 100 }),
    maxSubscriptionsPerSocket: read.int('WS_MAX_SUBSCRIPTIONS_PER_SOCKET', 20, { min: 1 }),
    maxSocketsPerAddress: read.int('WS_MAX_SOCKETS_PER_ADDRESS', 50, { min: 1 }),
    maxSocketsPerUser: read.int('WS_MAX_SOCKETS_PER_USER', 20, { min: 1 }),
    maxQueuedEvents: read.int('WS_MAX_QUEUED_EVENTS', 100, { min: 1 }),
    maxBufferedBytes: read.int('WS_MAX_BUFFERED_BYTES', 1024 * 1024, { min: 1024 }),
  };
}
