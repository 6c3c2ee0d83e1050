import type { EntityManager } from 'typeorm';
import { acceptsCheckout, storeRequired, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { OrdersConfig } from '../orders-config';
import { Order } from './order.entity';
import { OrderLineItem } from './order-line-item.entity';
import { OrderStatus, PaymentStatus, ReservationStatus } from './order-status';
import { OrderEvents, orderCreatedData } from './order.events';
import { PlaceOrderPayload } from './order.payloads';
import type { PlaceOrderInput } from './order.inputs';
import { toShippingAddress } from './shipping-address';
import { canSeeOrder } from './order-access';
import { openOrderLimit } from './open-order-limit';
import { checkoutRefusal, DEFAULT_CHECKOUT_SETTINGS, type CheckoutSettings } from '../store-view/checkout-settings';
import type { OrderTotals } from './order-totals';
import { checkItemTargets, priceLines, type PricedLine } from './price-lines';

const FIRST_ORDER_NUMBER = 1001;

/** A concurrent request with the same idempotency key committed first. */
class ConcurrentReplay extends Error {}

/**
 * Places an order in one transaction: each item resolved to a variant on sale and priced from orders' own
 * catalog read model (`priceLines`, one read for every line), totals computed here,
 * the order, its lines, its first history entry and orders.created written together (one statement for
 * the rows). Stock is reserved by inventory when it consumes orders.created; the order's
 * reservationStatus follows. Refused, writing nothing: a store that is not ACTIVE, a guest where the
 * store wants signed-in shoppers, no phone where it wants one, a shopper with too many open unpaid
 * orders (`openOrderLimit`), an item that is not a variant on sale here (`priceLines`: unknown, unlisted,
 * unpublished, another store's; a product with several variants named by productId), and a total beyond
 * `MAX_ORDER_TOTAL` (computed exactly, `orderTotals`).
 */
export async function placeOrder(context: SubgraphContext, config: OrdersConfig, input: PlaceOrderInput): Promise<PlaceOrderPayload> {
  // malformed input is refused before anything is read, as class-validator refuses the rest
  checkItemTargets(input.items);
  // an order is placed in one store: the one the shopper names (X-Store-Id) or the staff member acts for
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  const status = await context.storeStatuses.of(storeId);
  if (!acceptsCheckout(status)) {
    return PlaceOrderPayload.failed(UserError.of('STORE_UNAVAILABLE', `This store is ${status} and takes no orders`));
  }
  try {
    return await context.unitOfWork.run(traceOf(context), (tx) => checkOut(context, tx, config, storeId, input));
  } catch (error) {
    if (!(error instanceof ConcurrentReplay)) throw error;
    const winner = await context.storeDb.read((manager) => findEarlier(manager, storeId, input.idempotencyKey));
    if (!winner) throw error;
    return replay(context, winner);
  }
}

/** The checkout itself, inside the transaction: every check before the one write. */
async function checkOut(context: SubgraphContext, tx: Tx, config: OrdersConfig, storeId: string, input: PlaceOrderInput): Promise<PlaceOrderPayload> {
  const facts = await checkoutFacts(tx.manager, storeId, input.idempotencyKey);
  if (facts.earlierOrderId) {
    const earlier = await findEarlier(tx.manager, storeId, input.idempotencyKey);
    if (earlier) return replay(context, earlier);
  }
  const refused = checkoutRefusal(context, facts.settings, input);
  if (refused) return PlaceOrderPayload.failed(refused);
  const priced = await priceLines(tx.manager, config, storeId, input);
  if ('errors' in priced) return PlaceOrderPayload.failed(...priced.errors);
  const limited = await openOrderLimit(context, tx, config, storeId);
  if (limited) return PlaceOrderPayload.failed(limited);
  return PlaceOrderPayload.ok(await writeOrder(context, tx, storeId, input, priced.lines, priced.totals));
}

/** In one read: whether this idempotency key placed an order already, and the store's checkout settings. */
async function checkoutFacts(
  manager: EntityManager,
  storeId: string,
  idempotencyKey: string,
): Promise<{ earlierOrderId: string | null; settings: CheckoutSettings }> {
  const [row]: { earlier_id: string | null; guest_checkout_enabled: boolean | null; require_phone_at_checkout: boolean | null }[] = await manager.query(
    `SELECT (SELECT id FROM customer_order WHERE store_id = $1 AND idempotency_key = $2) AS earlier_id,
            settings.guest_checkout_enabled, settings.require_phone_at_checkout
       FROM (VALUES (1)) AS one LEFT JOIN store_checkout_settings settings ON settings.store_id = $1`,
    [storeId, idempotencyKey],
  );
  const settings =
    row.guest_checkout_enabled === null || row.require_phone_at_checkout === null
      ? DEFAULT_CHECKOUT_SETTINGS
      : { guestCheckoutEnabled: row.guest_checkout_enabled, requirePhoneAtCheckout: row.require_phone_at_checkout };
  return { earlierOrderId: row.earlier_id, settings };
}

function findEarlier(manager: EntityManager, storeId: string, idempotencyKey: string): Promise<Order | null> {
  return manager.getRepository(Order).findOneBy({ storeId, idempotencyKey });
}

/**
 * The order, its lines and its CREATED history entry in one statement (the store's next number taken
 * in it too), then orders.created. Another checkout with the same key that committed first leaves
 * nothing inserted: ConcurrentReplay rolls this one back and the caller answers with that order.
 */
async function writeOrder(context: SubgraphContext, tx: Tx, storeId: string, input: PlaceOrderInput, lines: PricedLine[], totals: OrderTotals): Promise<Order> {
  const currencyCode = lines[0].variant.currencyCode;
  const email = input.email.toLowerCase();
  const shippingAddress = toShippingAddress(input.shippingAddress);
  // kept for guests only: their open orders are counted per address
  const clientAddress = context.caller.userId === null ? context.origin.ipAddress : null;
  const inserted: { id: string; number: number; version: number; created_at: Date; updated_at: Date }[] = await tx.manager.query(
    `WITH counter AS (
       INSERT INTO store_order_counter (store_id, last_number) VALUES ($1, $2)
       ON CONFLICT (store_id) DO UPDATE SET last_number = store_order_counter.last_number + 1 RETURNING last_number
     ), placed AS (
       INSERT INTO customer_order (store_id, number, customer_id, email, currency_code, subtotal_amount, shipping_amount, tax_amount,
         discount_amount, total_amount, shipping_address, status, payment_status, reservation_status, idempotency_key, client_address)
       SELECT $1::uuid, counter.last_number, $3::uuid, $4::varchar, $5::char(3), $6::bigint, $7::bigint, $8::bigint, 0, $9::bigint, $10::jsonb,
              $11::varchar, $12::varchar, $13::varchar, $14::varchar, $15::varchar
         FROM counter
       ON CONFLICT (store_id, idempotency_key) DO NOTHING
       RETURNING id, number, version, created_at, updated_at
     ), lines AS (
       INSERT INTO order_line_item (order_id, store_id, product_id, variant_id, title, variant_title, sku, selected_options, quantity,
         unit_price_amount, currency_code, position)
       SELECT placed.id, $1::uuid, line.product_id, line.variant_id, line.title, line.variant_title, line.sku, line.selected_options, line.quantity,
              line.unit_price_amount, $5::char(3), (line.position - 1)::int
         FROM placed, unnest($16::uuid[], $17::uuid[], $18::varchar[], $19::varchar[], $20::varchar[], $21::jsonb[], $22::int[], $23::bigint[])
              WITH ORDINALITY AS line (product_id, variant_id, title, variant_title, sku, selected_options, quantity, unit_price_amount, position)
     ), history AS (
       INSERT INTO order_status_change (order_id, store_id, status) SELECT placed.id, $1::uuid, $11::varchar FROM placed
     )
     SELECT id, number, version, created_at, updated_at FROM placed`,
    [
      storeId,
      FIRST_ORDER_NUMBER,
      context.caller.userId,
      email,
      currencyCode,
      totals.subtotal,
      totals.shipping,
      totals.tax,
      totals.total,
      JSON.stringify(shippingAddress),
      OrderStatus.CREATED,
      PaymentStatus.UNPAID,
      ReservationStatus.PENDING,
      input.idempotencyKey,
      clientAddress,
      lines.map((line) => line.variant.productId),
      lines.map((line) => line.variant.variantId),
      lines.map((line) => line.variant.productTitle),
      lines.map((line) => line.variant.variantTitle),
      lines.map((line) => line.variant.sku),
      lines.map((line) => JSON.stringify(line.variant.selectedOptions)),
      lines.map((line) => line.quantity),
      lines.map((line) => line.variant.priceAmount),
    ],
  );
  if (inserted.length === 0) throw new ConcurrentReplay();
  const [row] = inserted;
  const order = Object.assign(new Order(), {
    id: row.id,
    storeId,
    number: row.number,
    customerId: context.caller.userId,
    email,
    currencyCode,
    subtotalAmount: totals.subtotal,
    shippingAmount: totals.shipping,
    taxAmount: totals.tax,
    discountAmount: 0,
    totalAmount: totals.total,
    shippingAddress,
    status: OrderStatus.CREATED,
    paymentStatus: PaymentStatus.UNPAID,
    reservationStatus: ReservationStatus.PENDING,
    reservationExpiresAt: null,
    cancelReason: null,
    cancelReasonCode: null,
    clientAddress,
    carrier: null,
    trackingNumber: null,
    idempotencyKey: input.idempotencyKey,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
  const lineItems = lines.map((line, position) =>
    Object.assign(new OrderLineItem(), {
      orderId: order.id,
      storeId,
      productId: line.variant.productId,
      variantId: line.variant.variantId,
      title: line.variant.productTitle,
      variantTitle: line.variant.variantTitle,
      sku: line.variant.sku,
      selectedOptions: line.variant.selectedOptions,
      quantity: line.quantity,
      unitPriceAmount: line.variant.priceAmount,
      currencyCode,
      position,
    }),
  );
  await tx.emit({ type: OrderEvents.created, storeId, aggregateId: order.id, aggregateVersion: order.version, data: orderCreatedData(order, lineItems) });
  return order;
}

/** The same checkout again: the same order, if it is the same shopper's. */
function replay(context: SubgraphContext, order: Order): PlaceOrderPayload {
  if (!canSeeOrder(context.caller, order)) {
    return PlaceOrderPayload.failed(
      UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another checkout', ['input', 'idempotencyKey']),
    );
  }
  return PlaceOrderPayload.ok(order);
}
