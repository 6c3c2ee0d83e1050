import { isUuid, PermanentEventError, safeIntegerFrom, type EventEnvelope, type EventHandler, type Tx } from '@ultramarket/kit';
import { Customer } from '../customer/customer.entity';
import { CustomerEvents } from '../customer/customer.events';
import { emitCustomerEvent } from '../customer/customer-commands';
import { lockStoreSegments, refreshCustomerSegments } from '../segment/segment-membership';
import { isVerifiedEmailOf, linkedElsewhere, lockUserLinks } from '../customer/account-link';

interface MoneyData {
  amount: number;
  currencyCode: string;
}

/** What customers reads of orders.created (schema/events.md); a shipping address is used when the event carries one. */
interface OrderCreatedData {
  orderId: string;
  email: string;
  customerId?: string | null;
  currencyCode?: string;
  total: MoneyData;
  shippingAddress?: { name?: string; firstName?: string; lastName?: string } | null;
}

/** What customers reads of payments.succeeded, payments.captured and payments.refunded. */
interface PaymentData {
  paymentId: string;
  orderId: string;
  amount: MoneyData;
  /** payments.captured: the capture (one of several of an authorization). */
  captureId?: string;
  /** payments.refunded of one of orders' refunds: the amount is that refund's, counted once per refund. */
  refundId?: string | null;
}

function storeOf(event: EventEnvelope<unknown>): string {
  if (!isUuid(event.storeId)) throw new PermanentEventError(`${event.type} ${event.id} belongs to no store`);
  return event.storeId;
}

function isAmount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** First and last name from the shipping address: its own fields, or its recipient name split at the first space. */
export function namesFrom(address: OrderCreatedData['shippingAddress']): { firstName: string; lastName: string } {
  if (!address) return { firstName: '', lastName: '' };
  if (address.firstName || address.lastName) return { firstName: (address.firstName ?? '').slice(0, 100), lastName: (address.lastName ?? '').slice(0, 100) };
  const name = (address.name ?? '').trim();
  const space = name.indexOf(' ');
  return space < 0
    ? { firstName: name.slice(0, 100), lastName: '' }
    : {
        firstName: name.slice(0, space).slice(0, 100),
        lastName: name
          .slice(space + 1)
          .trim()
          .slice(0, 100),
      };
}

async function lockCustomerRow(tx: Tx, storeId: string, customerId: string): Promise<Customer> {
  const customer = await tx.manager.getRepository(Customer).findOne({ where: { id: customerId, storeId }, lock: { mode: 'pessimistic_write' } });
  if (!customer) throw new Error(`customer ${customerId} vanished`);
  return customer;
}

/**
 * orders.created: the customer (found by store and email, created when new) gains the order. The
 * shopper's account is linked to that customer only when the order's email is the one they verified
 * (accounts.email-verified): an order's email is whatever was typed, so a shopper ordering with
 * someone else's email must not see that person's profile. The customer_order row makes the
 * order count once, even when the same order is announced again under another event id.
 */
export const countOrderOnCreated: EventHandler<OrderCreatedData> = {
  name: 'customers-order-created',
  eventType: 'orders.created',
  async handle(event, tx) {
    const storeId = storeOf(event);
    const { orderId, total } = event.data;
    const email = typeof event.data.email === 'string' ? event.data.email.trim() : '';
    if (!isUuid(orderId) || email === '' || email.length > 320 || !total || !isAmount(total.amount)) {
      throw new PermanentEventError(`orders.created ${event.id} lacks an order id, email or total`);
    }
    const currencyCode = event.data.currencyCode ?? total.currencyCode;
    const userId = event.data.customerId;
    if (isUuid(userId)) await lockUserLinks(tx, userId);
    // locks in the one order every customer change takes them: segments, order row, customer
    await lockStoreSegments(tx.manager, storeId, false);
    const names = namesFrom(event.data.shippingAddress);
    const inserted: { id: string }[] = await tx.manager.query(
      `INSERT INTO customer (store_id, email, first_name, last_name, currency_code) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (store_id, lower(email)) DO NOTHING RETURNING id`,
      [storeId, email, names.firstName, names.lastName, currencyCode],
    );
    const [{ id: customerId }]: { id: string }[] =
      inserted.length > 0 ? inserted : await tx.manager.query(`SELECT id FROM customer WHERE store_id = $1 AND lower(email) = lower($2)`, [storeId, email]);
    // the customer before the order row: inserting the row key-share-locks the customer, and two
    // orders of one customer that both held that and wanted the row lock would deadlock
    const customer = await lockCustomerRow(tx, storeId, customerId);
    const recorded: { paid_amount: string }[] = await tx.manager.query(
      `INSERT INTO customer_order (store_id, order_id, customer_id, placed_at, total_amount, currency_code) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (store_id, order_id) DO UPDATE
         SET customer_id = EXCLUDED.customer_id, placed_at = EXCLUDED.placed_at, total_amount = EXCLUDED.total_amount, currency_code = EXCLUDED.currency_code
         WHERE customer_order.customer_id IS NULL
       RETURNING paid_amount`,
      [storeId, orderId, customerId, event.occurredAt, total.amount, currencyCode],
    );
    if (recorded.length === 0) return; // this order was counted already

    if (isUuid(userId) && !customer.userId && (await isVerifiedEmailOf(tx, userId, email)) && !(await linkedElsewhere(tx, storeId, userId))) {
      customer.userId = userId;
    }
    if (customer.ordersCount === 0 && customer.totalSpentAmount === 0) customer.currencyCode = currencyCode;
    customer.ordersCount += 1;
    // a payment that overtook this event was parked on the order row; it counts now
    customer.totalSpentAmount = safeIntegerFrom(BigInt(customer.totalSpentAmount) + BigInt(recorded[0].paid_amount), 'totalSpent');
    const placedAt = new Date(event.occurredAt);
    if (!customer.lastOrderAt || customer.lastOrderAt < placedAt) customer.lastOrderAt = placedAt;
    const saved = await tx.manager.getRepository(Customer).save(customer);
    await refreshCustomerSegments(tx, storeId, saved.id);
    await emitCustomerEvent(tx, inserted.length > 0 ? CustomerEvents.created : CustomerEvents.updated, saved);
  },
};

/**
 * payments.succeeded and payments.captured (+) and payments.refunded (−) change the order's paid amount and,
 * once the order's customer is known, their totalSpent. A payment counts once per kind (customer_payment);
 * an authorization counts nothing until captured, then each capture once, under its own id (`captureId`); a
 * partial refund (one with a `refundId`) once per refund, under its refund id.
 */
function paymentHandler(name: string, eventType: string, kind: 'SALE' | 'REFUND', idOf = (data: PaymentData) => data.paymentId): EventHandler<PaymentData> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const storeId = storeOf(event);
      const { orderId, amount } = event.data;
      const paymentId = idOf(event.data);
      if (!isUuid(paymentId) || !isUuid(orderId) || !amount || !isAmount(amount.amount)) {
        throw new PermanentEventError(`${eventType} ${event.id} lacks a payment id, order id or amount`);
      }
      await lockStoreSegments(tx.manager, storeId, false);
      const fresh: unknown[] = await tx.manager.query(
        `INSERT INTO customer_payment (store_id, payment_id, kind, order_id, amount) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING payment_id`,
        [storeId, paymentId, kind, orderId, amount.amount],
      );
      if (fresh.length === 0) return; // this payment was counted already
      const delta = kind === 'SALE' ? amount.amount : -amount.amount;
      // customer first, then the order row (the order every handler takes them in); an order whose
      // customer is not known yet locks no customer, and whoever attaches it later counts the amount
      const [known]: { customer_id: string | null }[] = await tx.manager.query(`SELECT customer_id FROM customer_order WHERE store_id = $1 AND order_id = $2`, [
        storeId,
        orderId,
      ]);
      const locked = known?.customer_id ? await lockCustomerRow(tx, storeId, known.customer_id) : null;
      const [order]: { customer_id: string | null }[] = await tx.manager.query(
        `INSERT INTO customer_order (store_id, order_id, paid_amount) VALUES ($1, $2, $3)
         ON CONFLICT (store_id, order_id) DO UPDATE SET paid_amount = customer_order.paid_amount + EXCLUDED.paid_amount
         RETURNING customer_id`,
        [storeId, orderId, delta],
      );
      if (!order.customer_id) return; // orders.created has not arrived: it will count the paid amount
      const customer = locked ?? (await lockCustomerRow(tx, storeId, order.customer_id));
      customer.totalSpentAmount = safeIntegerFrom(BigInt(customer.totalSpentAmount) + BigInt(delta), 'totalSpent');
      const saved = await tx.manager.getRepository(Customer).save(customer);
      await refreshCustomerSegments(tx, storeId, saved.id);
      await emitCustomerEvent(tx, CustomerEvents.updated, saved);
    },
  };
}

export const addPaymentOnSucceeded = paymentHandler('customers-payment-succeeded', 'payments.succeeded', 'SALE');
// a capture is money taken like a sale: it counts under the capture's id, so several captures of one payment each count once
export const addPaymentOnCaptured = paymentHandler('customers-payment-captured', 'payments.captured', 'SALE', (data) => data.captureId ?? '');
// a staff refund (issue 15) counts once per refund; the automatic full refund of a payment carries no refundId
export const subtractPaymentOnRefunded = paymentHandler('customers-payment-refunded', 'payments.refunded', 'REFUND', (data) => data.refundId ?? data.paymentId);
