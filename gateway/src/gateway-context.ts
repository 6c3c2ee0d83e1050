import type { Caller } from '@ultramarket/kit';

/** Per request at the gateway: the verified caller and the headers passed on to subgraphs. */
export interface GatewayContext {
  caller: Caller;
  requestId: string;
  correlationId: string;
  /** authorization, x-store-id, x-request-id, x-correlation-id: each subgraph verifies the token again. */
  forwardHeaders: Record<string, string>;
  /**
   * Set for an execution driven by an event (a subscription's re-resolution after it): its reads must
   * see the state after the event, so it neither joins a subgraph fetch already in flight (which may
   * have started before the event) nor is answered from the response cache.
   */
  freshReads?: true;
  /** For a WebSocket subscriber: whether its token still holds (unexpired, not revoked), and how to hang up on it. */
  connection?: SubscriberConnection;
}

export interface SubscriberConnection {
  stillAuthorized(): Promise<boolean>;
  close(code: number, reason: string): void;
}
