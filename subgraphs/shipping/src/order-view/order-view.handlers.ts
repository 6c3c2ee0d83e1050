import { isUuid, PermanentEventError, RetryableEventError, type EventEnvelope, type EventHandler } from '@ultramarket/kit';
import { readOrderView, type OrderViewLine } from './order-view';

/** What every order event carries about the order (orders' `party`). */
interface OrderParty {
  orderId: string;
  orderNumber: string;
  customerId: string | null;
  email: string | null;
}

function partyOf(event: EventEnvelope): OrderParty & { storeId: string } {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (!isUuid(event.storeId)) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
  if (!isUuid(data.orderId) || data.orderId !== event.aggregateId || typeof data.orderNumber !== 'string') {
    throw new PermanentEventError(`${event.type} ${event.id} does not name its order`);
  }
  return {
    storeId: event.storeId,
    orderId: data.orderId,
    orderNumber: data.orderNumber,
    customerId: isUuid(data.customerId) ? data.customerId : null,
    email: typeof data.email === 'string' ? data.email : null,
  };
}

function linesOf(event: EventEnvelope): OrderViewLine[] {
  const lines = (event.data as { lines?: unknown }).lines;
  if (!Array.isArray(lines)) throw new PermanentEventError(`${event.type} ${event.id} has no lines`);
  // orders merges a checkout's lines by variant, so a variant is one line of the order
  return lines.map((line: Record<string, unknown>) => {
    if (!isUuid(line.variantId) || !Number.isSafeInteger(line.quantity) || (line.quantity as number) <= 0) {
      throw new PermanentEventError(`${event.type} ${event.id} has a line without a variant or quantity`);
    }
    return {
      variantId: line.variantId,
      productId: isUuid(line.productId) ? line.productId : null,
      title: typeof line.title === 'string' ? line.title : '',
      sku: typeof line.sku === 'string' ? line.sku : null,
      quantity: line.quantity as number,
    };
  });
}

/** orders.created: the order's lines, people and address; a status event that came first keeps its (newer) status. */
const orderCreated: EventHandler = {
  name: 'shipping-order-created',
  eventType: 'orders.created',
  async handle(event, tx) {
    const party = partyOf(event);
    await tx.manager.query(
      `INSERT INTO order_view (order_id, store_id, order_number, customer_id, email, shipping_address, lines, status, version)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, 'CREATED', $8)
       ON CONFLICT (order_id) DO UPDATE SET order_number = EXCLUDED.order_number, customer_id = EXCLUDED.customer_id, email = EXCLUDED.email,
         shipping_address = EXCLUDED.shipping_address, lines = EXCLUDED.lines, updated_at = now()`,
      [
        party.orderId,
        party.storeId,
        party.orderNumber,
        party.customerId,
        party.email,
        JSON.stringify((event.data as { shippingAddress?: unknown }).shippingAddress ?? null),
        JSON.stringify(linesOf(event)),
        event.aggregateVersion,
      ],
    );
  },
};

/** A status the order reached, applied only when newer (by the order's aggregate version) than the one shipping has. */
function statusHandler(name: string, eventType: string, statusOf: (event: EventEnvelope) => unknown): EventHandler {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const party = partyOf(event);
      const status = statusOf(event);
      if (typeof status !== 'string') throw new PermanentEventError(`${event.type} ${event.id} names no status`);
      await tx.manager.query(
        `INSERT INTO order_view (order_id, store_id, order_number, customer_id, email, status, version) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
         WHERE order_view.version < EXCLUDED.version`,
        [party.orderId, party.storeId, party.orderNumber, party.customerId, party.email, status, event.aggregateVersion],
      );
    },
  };
}

const statusChanged = statusHandler('shipping-order-status-changed', 'orders.status-changed', (event) => (event.data as { to?: unknown }).to);
const cancelled = statusHandler('shipping-order-cancelled', 'orders.cancelled', () => 'CANCELLED');

/**
 * orders.remainder-cancelled: the units cancelled unshipped, so createShipment ships no more than ordered − shipped −
 * cancelled. The order's lines are locked and rewritten with each line's `cancelledQuantity` (set, not added: a
 * redelivery changes nothing); an order whose lines have not arrived yet is retried until they have.
 */
const remainderCancelled: EventHandler = {
  name: 'shipping-order-remainder-cancelled',
  eventType: 'orders.remainder-cancelled',
  async handle(event, tx) {
    const party = partyOf(event);
    const cancelled = (event.data as { lines?: unknown }).lines;
    if (!Array.isArray(cancelled)) throw new PermanentEventError(`${event.type} ${event.id} has no lines`);
    const view = await readOrderView(tx.manager, party.orderId, party.storeId, true);
    if (!view?.lines) throw new RetryableEventError(`order ${party.orderId} not in shipping's copy yet`);
    const byVariant = new Map<string, number>();
    for (const line of cancelled as Record<string, unknown>[]) {
      if (!isUuid(line.variantId) || !Number.isSafeInteger(line.quantity))
        throw new PermanentEventError(`${event.type} ${event.id} has a line without a variant or quantity`);
      byVariant.set(line.variantId, line.quantity as number);
    }
    const lines = view.lines.map((line) => (byVariant.has(line.variantId) ? { ...line, cancelledQuantity: byVariant.get(line.variantId) } : line));
    await tx.manager.query(`UPDATE order_view SET lines = $2::jsonb, updated_at = now() WHERE order_id = $1`, [party.orderId, JSON.stringify(lines)]);
  },
};

/** Shipping's read model of orders (`order_view`), so a shipment is checked without calling orders. */
export const orderViewHandlers: EventHandler[] = [orderCreated, statusChanged, cancelled, remainderCancelled];
