import type { Tx } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { FulfillmentStatus, OrderStatus, PaymentStatus, ReservationStatus } from '../order/order-status';
import { OrderEvents, orderCreatedData } from '../order/order.events';
import type { CheckoutCompleted } from './checkout-snapshot';

const FIRST_ORDER_NUMBER = 1001;

/**
 * The order cart priced, as `checkout` says, with `id = checkout.orderId`: the order, its lines and its
 * CREATED history entry in one statement (the store's next number taken in it too), then orders.created.
 * The caller holds the checkout's locks and has checked that neither its order id nor its idempotency
 * key is taken, so the insert cannot conflict; should it all the same, the transaction fails and the
 * event is tried again.
 */
export async function writeOrder(tx: Tx, storeId: string, checkout: CheckoutCompleted): Promise<Order> {
  const { currencyCode, lines } = checkout;
  // kept for guests only: their open orders are counted per address
  const clientAddress = checkout.customerId === null ? checkout.clientAddress : null;
  const inserted: { number: number; version: number; created_at: Date; updated_at: Date }[] = await tx.manager.query(
    `WITH counter AS (
       INSERT INTO store_order_counter (store_id, last_number) VALUES ($1, $2)
       ON CONFLICT (store_id) DO UPDATE SET last_number = store_order_counter.last_number + 1 RETURNING last_number
     ), placed AS (
       INSERT INTO customer_order (id, store_id, number, customer_id, email, currency_code, subtotal_amount, shipping_amount, tax_amount,
         discount_amount, total_amount, shipping_address, status, payment_status, reservation_status, idempotency_key, client_address,
         cart_id, billing_address, note, prices_include_tax, tax_lines, discount_applications, shipping_line)
       SELECT $3::uuid, $1::uuid, counter.last_number, $4::uuid, $5::varchar, $6::char(3), $7::bigint, $8::bigint, $9::bigint, $10::bigint,
              $11::bigint, $12::jsonb, $13::varchar, $14::varchar, $15::varchar, $16::varchar, $17::varchar,
              $18::uuid, $19::jsonb, $20::text, $21::boolean, $22::jsonb, $23::jsonb, $24::jsonb
         FROM counter
       ON CONFLICT (store_id, idempotency_key) DO NOTHING
       RETURNING id, number, version, created_at, updated_at
     ), lines AS (
       INSERT INTO order_line_item (order_id, store_id, product_id, variant_id, title, variant_title, sku, selected_options, quantity,
         unit_price_amount, discount_amount, tax_amount, total_amount, discounts, currency_code, position)
       SELECT placed.id, $1::uuid, line.product_id, line.variant_id, line.title, line.variant_title, line.sku, line.selected_options, line.quantity,
              line.unit_price_amount, line.discount_amount, line.tax_amount, line.total_amount, line.discounts, $6::char(3), (line.position - 1)::int
         FROM placed, unnest($25::uuid[], $26::uuid[], $27::varchar[], $28::varchar[], $29::varchar[], $30::jsonb[], $31::int[], $32::bigint[],
                             $33::bigint[], $34::bigint[], $35::bigint[], $36::jsonb[])
              WITH ORDINALITY AS line (product_id, variant_id, title, variant_title, sku, selected_options, quantity, unit_price_amount,
                                       discount_amount, tax_amount, total_amount, discounts, position)
     ), history AS (
       INSERT INTO order_status_change (order_id, store_id, status) SELECT placed.id, $1::uuid, $13::varchar FROM placed
     )
     SELECT number, version, created_at, updated_at FROM placed`,
    [
      storeId,
      FIRST_ORDER_NUMBER,
      checkout.orderId,
      checkout.customerId,
      checkout.email,
      currencyCode,
      checkout.subtotal,
      checkout.shippingTotal,
      checkout.taxTotal,
      checkout.discountTotal,
      checkout.total,
      checkout.shippingAddress && JSON.stringify(checkout.shippingAddress),
      OrderStatus.CREATED,
      PaymentStatus.UNPAID,
      ReservationStatus.PENDING,
      checkout.idempotencyKey,
      clientAddress,
      checkout.cartId,
      checkout.billingAddress && JSON.stringify(checkout.billingAddress),
      checkout.note,
      checkout.pricesIncludeTax,
      JSON.stringify(checkout.taxLines),
      JSON.stringify(checkout.discounts),
      checkout.shippingLine && JSON.stringify(checkout.shippingLine),
      lines.map((line) => line.productId),
      lines.map((line) => line.variantId),
      lines.map((line) => line.title),
      lines.map((line) => line.variantTitle),
      lines.map((line) => line.sku ?? null),
      lines.map((line) => JSON.stringify(line.selectedOptions)),
      lines.map((line) => line.quantity),
      lines.map((line) => line.unitPrice),
      lines.map((line) => line.discountTotal),
      lines.map((line) => line.taxTotal),
      lines.map((line) => line.total),
      lines.map((line) => JSON.stringify(line.discounts)),
    ],
  );
  if (inserted.length === 0) throw new Error(`idempotency key of checkout ${checkout.orderId} taken by a concurrent checkout: trying again`);
  const [row] = inserted;
  const order = Object.assign(new Order(), {
    id: checkout.orderId,
    storeId,
    number: row.number,
    customerId: checkout.customerId,
    email: checkout.email,
    currencyCode,
    subtotalAmount: checkout.subtotal,
    shippingAmount: checkout.shippingTotal,
    taxAmount: checkout.taxTotal,
    discountAmount: checkout.discountTotal,
    totalAmount: checkout.total,
    shippingAddress: checkout.shippingAddress,
    billingAddress: checkout.billingAddress,
    note: checkout.note,
    cartId: checkout.cartId,
    pricesIncludeTax: checkout.pricesIncludeTax,
    storedTaxLines: checkout.taxLines,
    storedDiscounts: checkout.discounts,
    storedShippingLine: checkout.shippingLine,
    status: OrderStatus.CREATED,
    paymentStatus: PaymentStatus.UNPAID,
    reservationStatus: ReservationStatus.PENDING,
    fulfillmentStatus: FulfillmentStatus.UNFULFILLED,
    cancelledRemainderAmount: null,
    reservationExpiresAt: null,
    cancelReason: null,
    cancelReasonCode: null,
    clientAddress,
    carrier: null,
    trackingNumber: null,
    idempotencyKey: checkout.idempotencyKey,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
  const lineItems = lines.map((line, position) =>
    Object.assign(new OrderLineItem(), {
      orderId: order.id,
      storeId,
      productId: line.productId,
      variantId: line.variantId,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku ?? null,
      selectedOptions: line.selectedOptions,
      quantity: line.quantity,
      fulfilledQuantity: 0,
      cancelledQuantity: 0,
      unitPriceAmount: line.unitPrice,
      discountAmount: line.discountTotal,
      taxAmount: line.taxTotal,
      totalAmount: line.total,
      discounts: line.discounts,
      currencyCode,
      position,
    }),
  );
  await tx.emit({ type: OrderEvents.created, storeId, aggregateId: order.id, aggregateVersion: order.version, data: orderCreatedData(order, lineItems) });
  return order;
}
