import { randomUUID } from 'node:crypto';
import { envelopeFor, inScope, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { eventually } from '../../../kit/test/support/test-names';

export interface OrderOptions {
  customerId?: string | null;
  total?: number;
  /** Publish inventory.reserved too (default true). */
  reserve?: boolean;
  /** How long the reservation lasts from now; negative = already expired. */
  reservedForMs?: number;
  storeId?: string;
}

/**
 * What orders and inventory publish in the saga (see /tmp/saga-contract.md), sent straight to
 * JetStream in the suite's namespace, as the inventory tests do for catalog's events.
 */
export function sagaEvents(subgraph: () => TestSubgraph, defaultStoreId: string) {
  const publish = async (type: string, orderId: string, data: Record<string, unknown>, storeId = defaultStoreId, msgID?: string): Promise<EventEnvelope> => {
    const { js, names } = subgraph().runtime;
    const event = envelopeFor({ type, storeId, aggregateId: orderId, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: msgID ?? event.id });
    return event;
  };
  const money = (amount: number) => ({ amount, currencyCode: 'USD' });
  /** One default-variant line (a product without options: the variant's id is the product's). */
  const defaultVariantLine = (productId: string, total: number) => ({
    productId,
    variantId: productId,
    title: 'Kettle',
    variantTitle: 'Default',
    sku: null,
    quantity: 1,
    unitPrice: money(total),
  });

  const orderCreated = (orderId: string, options: OrderOptions = {}) =>
    publish(
      'orders.created',
      orderId,
      {
        orderId,
        orderNumber: '#1001',
        customerId: options.customerId === undefined ? null : options.customerId,
        email: 'shopper@example.com',
        currencyCode: 'USD',
        subtotal: money(options.total ?? 4999),
        shippingTotal: money(0),
        taxTotal: money(0),
        discountTotal: money(0),
        total: money(options.total ?? 4999),
        // as orders publishes them since issue 13 (schema/events.md): payments reads none of it
        lines: [defaultVariantLine(randomUUID(), options.total ?? 4999)],
      },
      options.storeId,
    );
  const reserved = (orderId: string, reservedForMs = 15 * 60_000, storeId?: string) =>
    publish('inventory.reserved', orderId, { orderId, expiresAt: new Date(Date.now() + reservedForMs).toISOString(), lines: [] }, storeId);
  const released = (orderId: string, reason = 'cancelled') => publish('inventory.released', orderId, { orderId, reason });
  const cancelled = (orderId: string, reason = 'customer changed their mind') =>
    publish('orders.cancelled', orderId, { orderId, orderNumber: '#1001', customerId: null, email: 'shopper@example.com', reason });
  const commitFailed = (orderId: string, reason = 'reservation expired') => publish('inventory.commit-failed', orderId, { orderId, reason });

  /** Row of the payments read model, read as the subgraph does: in the order's store. */
  const readModel = async (orderId: string, storeId = defaultStoreId): Promise<Record<string, unknown> | undefined> =>
    (await inScope(subgraph().runtime.dataSource, storeId, (manager) => manager.query(`SELECT * FROM order_read_model WHERE order_id = $1`, [orderId])))[0];

  /** Places an order (events only) and waits until payments has seen all of them. */
  const placeOrder = async (options: OrderOptions = {}): Promise<string> => {
    const orderId = randomUUID();
    await orderCreated(orderId, options);
    const reserve = options.reserve ?? true;
    if (reserve) await reserved(orderId, options.reservedForMs, options.storeId);
    await eventually(
      async () => {
        const row = await readModel(orderId, options.storeId);
        return row && row.placed_at !== null && (!reserve || row.reserved_until !== null);
      },
      10_000,
      'the order in the payments read model',
    );
    return orderId;
  };

  return { publish, orderCreated, reserved, released, cancelled, commitFailed, placeOrder, readModel };
}
