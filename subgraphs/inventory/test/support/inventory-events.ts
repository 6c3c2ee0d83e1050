import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { eventually } from '../../../kit/test/support/test-names';

/** A variant as catalog lists it in its product events (only what inventory reads, and a title). */
export interface ListedVariant {
  variantId: string;
  trackInventory?: boolean;
}

/**
 * Other subgraphs' events, sent straight to the suite's JetStream namespace, and the wait for
 * inventory's consumer to have handled each one.
 */
export function inventoryEvents(subgraph: () => TestSubgraph, owner: () => DataSource) {
  const publish = async (type: string, storeId: string, aggregateId: string, data: Record<string, unknown>, aggregateVersion = 1): Promise<EventEnvelope> => {
    const { js, names } = subgraph().runtime;
    const event = envelopeFor({ type, storeId, aggregateId, aggregateVersion, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const handled = async (event: EventEnvelope): Promise<EventEnvelope> => {
    await eventually(
      async () => (await owner().query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length === 1,
      15_000,
      `${event.type} handled`,
    );
    return event;
  };
  return {
    publish,
    handled,
    /** catalog.product-created or -updated with the contract's variants (the whole product, as catalog sends it). */
    product: (type: 'created' | 'updated', storeId: string, productId: string, variants: ListedVariant[], version = 1) =>
      publish(
        `catalog.product-${type}`,
        storeId,
        productId,
        {
          productId,
          title: 'Tee',
          variants: variants.map((variant, position) => ({
            variantId: variant.variantId,
            position,
            title: `Variant ${position}`,
            sku: null,
            trackInventory: variant.trackInventory ?? true,
            options: [],
          })),
        },
        version,
      ).then(handled),
    /** orders.created with lines by variant, once handled. */
    order: (storeId: string, orderId: string, lines: { productId: string; variantId?: string; quantity: number }[]) =>
      publish('orders.created', storeId, orderId, { orderId, orderNumber: '#2001', customerId: randomUUID(), lines }).then(handled),
    /** An event of the saga about an order, once handled. */
    saga: (type: string, storeId: string, orderId: string, data: Record<string, unknown> = {}) =>
      publish(type, storeId, orderId, { orderId, ...data }).then(handled),
  };
}
