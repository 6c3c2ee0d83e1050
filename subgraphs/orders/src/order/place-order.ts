import { In } from 'typeorm';
import { acceptsCheckout, storeRequired, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { ProductSnapshot } from '../catalog-view/product-snapshot.entity';
import type { OrdersConfig } from '../orders-config';
import { Order } from './order.entity';
import { OrderLineItem } from './order-line-item.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { OrderStatus, PaymentStatus, ReservationStatus } from './order-status';
import { OrderEvents, orderCreatedData } from './order.events';
import { PlaceOrderPayload } from './order.payloads';
import type { PlaceOrderInput } from './order.inputs';
import { toShippingAddress } from './shipping-address';
import { canSeeOrder } from './order-access';
import { openOrderLimit } from './open-order-limit';
import { checkoutRefusal } from '../store-view/checkout-settings';
import { MAX_ORDER_TOTAL, orderTotals, type OrderTotals } from './order-totals';

const FIRST_ORDER_NUMBER = 1001;

/** A concurrent request with the same idempotency key committed first. */
class ConcurrentReplay extends Error {}

interface PricedLine {
  snapshot: ProductSnapshot;
  quantity: number;
}

/**
 * Places an order: prices from orders' own catalog read model, totals computed here, the order and
 * its lines written with orders.created in one transaction. Stock is reserved by inventory when it
 * consumes orders.created; the order's reservationStatus follows. Refused, writing nothing: a store that
 * is not ACTIVE, a guest where the store wants signed-in shoppers, no phone where it wants one, a
 * shopper with too many open unpaid orders (`openOrderLimit`), and a total beyond `MAX_ORDER_TOTAL`
 * (computed exactly, `orderTotals`).
 */
export async function placeOrder(context: SubgraphContext, config: OrdersConfig, input: PlaceOrderInput): Promise<PlaceOrderPayload> {
  // an order is placed in one store: the one the shopper names (X-Store-Id) or the staff member acts for
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  const status = await context.storeStatuses.of(storeId);
  if (!acceptsCheckout(status)) {
    return PlaceOrderPayload.failed(UserError.of('STORE_UNAVAILABLE', `This store is ${status} and takes no orders`));
  }
  const findEarlier = () => context.storeDb.read((manager) => manager.getRepository(Order).findOneBy({ storeId, idempotencyKey: input.idempotencyKey }));
  const earlier = await findEarlier();
  if (earlier) return replay(context, earlier);
  const refused = await checkoutRefusal(context, storeId, input);
  if (refused) return PlaceOrderPayload.failed(refused);

  const priced = await priceLines(context, config, storeId, input);
  if ('errors' in priced) return PlaceOrderPayload.failed(...priced.errors);
  const { lines, totals } = priced;
  try {
    const placed = await context.unitOfWork.run(traceOf(context), async (tx) => {
      const limited = await openOrderLimit(context, tx, config, storeId);
      return limited ?? writeOrder(context, tx, storeId, input, lines, totals);
    });
    return placed instanceof UserError ? PlaceOrderPayload.failed(placed) : PlaceOrderPayload.ok(placed);
  } catch (error) {
    if (!(error instanceof ConcurrentReplay)) throw error;
    const winner = await findEarlier();
    if (!winner) throw error;
    return replay(context, winner);
  }
}

/** Merges lines of one product, checks each is on sale in the store, all in one currency, and totals them. */
async function priceLines(
  context: SubgraphContext,
  config: OrdersConfig,
  storeId: string,
  input: PlaceOrderInput,
): Promise<{ lines: PricedLine[]; totals: OrderTotals } | { errors: UserError[] }> {
  const quantities = new Map<string, number>();
  for (const item of input.items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  // another store's product is simply not on sale here
  const snapshots = await context.storeDb.read((manager) => manager.getRepository(ProductSnapshot).findBy({ storeId, productId: In([...quantities.keys()]) }));
  const byId = new Map(snapshots.map((snapshot) => [snapshot.productId, snapshot]));

  const errors: UserError[] = [];
  input.items.forEach((item, index) => {
    const snapshot = byId.get(item.productId);
    if (!snapshot || snapshot.status !== 'ACTIVE') {
      errors.push(UserError.of('PRODUCT_NOT_AVAILABLE', `Product ${item.productId} is not on sale here`, ['input', 'items', String(index), 'productId']));
    }
  });
  if (errors.length > 0) return { errors };
  if (new Set(snapshots.map((snapshot) => snapshot.currencyCode)).size > 1) {
    return { errors: [UserError.of('CURRENCY_MISMATCH', 'All products of an order must be priced in one currency', ['input', 'items'])] };
  }
  for (const [productId, quantity] of quantities) {
    if (quantity > config.maxLineQuantity) {
      return { errors: [UserError.of('QUANTITY_TOO_LARGE', `At most ${config.maxLineQuantity} units of product ${productId} per order`, ['input', 'items'])] };
    }
  }
  const lines = [...quantities].map(([productId, quantity]) => ({ snapshot: byId.get(productId)!, quantity }));
  const totals = orderTotals(
    lines.map((line) => ({ unitPriceAmount: line.snapshot.priceAmount, quantity: line.quantity })),
    config,
  );
  if (!totals) {
    return { errors: [UserError.of('ORDER_TOTAL_TOO_LARGE', `The order's total would exceed ${MAX_ORDER_TOTAL} minor units; split it`, ['input', 'items'])] };
  }
  return { lines, totals };
}

async function writeOrder(context: SubgraphContext, tx: Tx, storeId: string, input: PlaceOrderInput, lines: PricedLine[], totals: OrderTotals): Promise<Order> {
  const currencyCode = lines[0].snapshot.currencyCode;

  const [{ last_number: number }] = await tx.manager.query(
    `INSERT INTO store_order_counter (store_id, last_number) VALUES ($1, $2)
     ON CONFLICT (store_id) DO UPDATE SET last_number = store_order_counter.last_number + 1 RETURNING last_number`,
    [storeId, FIRST_ORDER_NUMBER],
  );
  const inserted: { id: string }[] = await tx.manager.query(
    `INSERT INTO customer_order (store_id, number, customer_id, email, currency_code, subtotal_amount, shipping_amount, tax_amount,
       discount_amount, total_amount, shipping_address, status, payment_status, reservation_status, idempotency_key, client_address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (store_id, idempotency_key) DO NOTHING RETURNING id`,
    [
      storeId,
      number,
      context.caller.userId,
      input.email.toLowerCase(),
      currencyCode,
      totals.subtotal,
      totals.shipping,
      totals.tax,
      totals.total,
      JSON.stringify(toShippingAddress(input.shippingAddress)),
      OrderStatus.CREATED,
      PaymentStatus.UNPAID,
      ReservationStatus.PENDING,
      input.idempotencyKey,
      // kept for guests only: their open orders are counted per address
      context.caller.userId === null ? context.origin.ipAddress : null,
    ],
  );
  if (inserted.length === 0) throw new ConcurrentReplay();
  const order = await tx.manager.getRepository(Order).findOneByOrFail({ id: inserted[0].id, storeId });
  const lineItems = await tx.manager.getRepository(OrderLineItem).save(
    lines.map((line, position) =>
      Object.assign(new OrderLineItem(), {
        orderId: order.id,
        storeId,
        productId: line.snapshot.productId,
        title: line.snapshot.title,
        quantity: line.quantity,
        unitPriceAmount: line.snapshot.priceAmount,
        currencyCode,
        position,
      }),
    ),
  );
  await tx.manager.getRepository(OrderStatusChange).insert({ orderId: order.id, storeId, status: OrderStatus.CREATED, message: null });
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
