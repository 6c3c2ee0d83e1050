/**
 * How the gateway hangs up on a WebSocket client (docs/errors.md lists them with graphql-ws's own).
 * 1009 (message too big, sent by `ws`) and 4408 (no `connection_init` in time, sent by graphql-ws) come
 * from the libraries; these are the gateway's.
 */
export const CloseCodes = {
  /** The token expired or was revoked (graphql-ws's Forbidden). */
  FORBIDDEN: 4403,
  /** A slow consumer: it let more events queue, or more bytes buffer, than the gateway keeps for it. Reconnecting is fine. */
  SLOW_CONSUMER: 4413,
  /** Too many sockets from its address or for its user; graphql-ws clients do not retry this code. */
  TOO_MANY_CONNECTIONS: 4429,
} as const;
