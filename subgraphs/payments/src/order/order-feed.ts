import type { SubgraphRuntime } from '@ultramarket/kit';
import { recordOrderOnCreated } from './order-read-model.handlers';

/** How long processPayment asks JetStream before treating the answer as "maybe behind" (and waiting). */
const ASK_TIMEOUT_MS = 1000;

/**
 * How far payments has applied the orders.created events JetStream holds. When its durable consumer
 * has nothing undelivered and nothing unacknowledged (a handler acks only after its transaction
 * committed), every order announced so far is in the read model, so an id the read model lacks was
 * never announced: processPayment can answer ORDER_NOT_FOUND without waiting for it.
 */
export class OrderFeed {
  private runtime: SubgraphRuntime | null = null;

  /** Called once the subgraph's runtime (NATS) is up. */
  bind(runtime: SubgraphRuntime): void {
    this.runtime = runtime;
  }

  /** True only when JetStream says so; unbound, unreachable or slow counts as behind (the caller then waits, bounded). */
  async caughtUp(): Promise<boolean> {
    if (!this.runtime) return false;
    const { jsm, names, logger } = this.runtime;
    const stream = names.stream(names.domainOf(recordOrderOnCreated.eventType));
    const durable = names.durable(recordOrderOnCreated.name);
    let timer: NodeJS.Timeout | undefined;
    try {
      const info = await Promise.race([
        jsm.consumers.info(stream, durable),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${ASK_TIMEOUT_MS} ms`)), ASK_TIMEOUT_MS);
        }),
      ]);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    } catch (error) {
      logger.warn({ err: error, consumer: durable }, 'could not tell whether every orders.created was applied; waiting for the order instead');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
