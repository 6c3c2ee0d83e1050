import { followEvents, type EventEnvelope, type EventSource, type LiveEvents } from '@ultramarket/kit';
import { OrderReplyEvents } from './checkout-completed';

/** What orders answered a checkout: the order was created, or refused (final), or no answer came in time. */
export type CheckoutReply = { kind: 'CREATED' } | { kind: 'REFUSED'; code: string; message: string; field: string[] | null } | { kind: 'PENDING' };

/** A checkout waiting for its order's reply; `cancel` when the checkout was not committed after all. */
export interface ReplyWaiter {
  reply(timeoutMs: number): Promise<CheckoutReply>;
  cancel(): void;
}

/**
 * The one follower of orders' replies in this process: an ordered consumer of `orders.created` and
 * `orders.checkout-refused` (one feed per subject, from the moment the subgraph starts), resolving the
 * checkouts this process waits on by order id. Each replica sees every reply; a reply no one here waits for
 * is ignored. A waiter is registered BEFORE its checkout commits, so a reply cannot come before anyone listens.
 */
export class CheckoutReplies {
  private readonly waiting = new Map<string, (reply: CheckoutReply) => void>();

  /** Starts following (resolves once the feeds listen); the returned function stops them and releases every waiter as PENDING. */
  async start(source: EventSource): Promise<() => Promise<void>> {
    const since = new Date();
    const feeds: LiveEvents[] = [];
    for (const eventType of [OrderReplyEvents.created, OrderReplyEvents.refused]) {
      feeds.push(await followEvents(source, eventType, (event) => this.heard(event), { since }));
    }
    return async () => {
      for (const feed of feeds) await feed.stop();
      for (const resolve of [...this.waiting.values()]) resolve({ kind: 'PENDING' });
    };
  }

  /** Waits for the reply about `orderId` from now on. */
  expect(orderId: string): ReplyWaiter {
    let settle: (reply: CheckoutReply) => void = () => undefined;
    const replied = new Promise<CheckoutReply>((resolve) => {
      settle = (reply) => {
        this.waiting.delete(orderId);
        resolve(reply);
      };
    });
    this.waiting.set(orderId, settle);
    return {
      reply: async (timeoutMs) => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<CheckoutReply>((resolve) => {
          timer = setTimeout(() => resolve({ kind: 'PENDING' }), timeoutMs);
        });
        try {
          return await Promise.race([replied, timedOut]);
        } finally {
          clearTimeout(timer);
          this.waiting.delete(orderId);
        }
      },
      cancel: () => {
        this.waiting.delete(orderId);
      },
    };
  }

  private heard(event: EventEnvelope): void {
    const data = event.data as { orderId?: unknown; code?: unknown; message?: unknown; field?: unknown };
    const orderId = typeof data.orderId === 'string' ? data.orderId : event.aggregateId;
    const settle = this.waiting.get(orderId);
    if (!settle) return;
    if (event.type === OrderReplyEvents.created) return settle({ kind: 'CREATED' });
    settle({
      kind: 'REFUSED',
      code: typeof data.code === 'string' ? data.code : 'CHECKOUT_REFUSED',
      message: typeof data.message === 'string' ? data.message : 'The order was refused',
      field: Array.isArray(data.field) ? data.field.filter((part): part is string => typeof part === 'string') : null,
    });
  }
}

/** This process's follower, started by the subgraph's onStart. */
export const checkoutReplies = new CheckoutReplies();
