import type { DocumentNode } from 'graphql';
import type { GatewayContext } from '../gateway-context';

export type ExecuteOperation<TResult> = (document: DocumentNode, variables: Record<string, unknown>, context: GatewayContext) => Promise<TResult>;

/**
 * Executions driven by an event (every execution a subscription makes to push what an event changed)
 * run with `freshReads` on a copy of their context: each of their subgraph fetches is sent on its own,
 * never joining one already in flight, and the response cache neither answers nor stores them. A fetch
 * that started before the event may carry the state before it; pushed after the event, that would tell
 * the subscriber old news (a stale order status) as if it were the change.
 */
export function withFreshReads<TResult>(execute: ExecuteOperation<TResult>): ExecuteOperation<TResult> {
  return (document, variables, context) => execute(document, variables, { ...context, freshReads: true });
}
