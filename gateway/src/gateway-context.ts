import type { Caller } from '@ultramarket/kit';

/** Per request at the gateway: the verified caller and the headers passed on to subgraphs. */
export interface GatewayContext {
  caller: Caller;
  requestId: string;
  correlationId: string;
  /** authorization, x-store-id, x-request-id, x-correlation-id: each subgraph verifies the token again. */
  forwardHeaders: Record<string, string>;
  /** For a WebSocket subscriber: whether its token still holds (unexpired, not revoked), and how to hang up on it. */
  connection?: SubscriberConnection;
}

export interface SubscriberConnection {
  stillAuthorized(): Promise<boolean>;
  close(code: number, reason: string): void;
}
