import type { GatewayContext } from '../gateway-context';

/** What the graphql-ws server knows of one subscribe message that the subscription itself needs. */
export interface SubscriptionRequest {
  /** The cursor of the last push the client saw, from the subscribe message's `extensions.after`: resume after it. */
  after?: unknown;
  /**
   * Tells the client this subscription listens: a graphql-ws `ping` whose payload is
   * `{ listening: <subscription id>, cursor }`, sent before any push of it.
   */
  announceListening(cursor: string): void;
}

const requests = new WeakMap<GatewayContext, SubscriptionRequest>();

export function bindSubscriptionRequest(context: GatewayContext, request: SubscriptionRequest): void {
  requests.set(context, request);
}

export function subscriptionRequestOf(context: GatewayContext): SubscriptionRequest | undefined {
  return requests.get(context);
}
