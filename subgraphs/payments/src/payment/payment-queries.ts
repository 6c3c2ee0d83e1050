import { In } from 'typeorm';
import { byCreatedAt, byKeys, isUuid, keysetPage, pageSize, toConnection, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { OrderReadModel } from '../order/order-read-model.entity';
import { Payment } from './payment.entity';
import { PaymentTransaction } from './payment-transaction.entity';
import { mayPayOrder } from './payment-access';

/** Payments by id in the caller's store, batched per request; used by `payment(id)` and by federation references. */
function loadPayment(context: SubgraphContext, id: string): Promise<Payment | null> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, Payment | null>('paymentById', async (ids) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(Payment).findBy({ id: In([...ids]), ...store }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

/** A payment the caller may see (see `mayPayOrder`), or null: another shopper's payment is "not found". */
export async function findVisiblePayment(context: SubgraphContext, id: string): Promise<Payment | null> {
  if (!isUuid(id)) return null;
  const payment = await loadPayment(context, id);
  return payment && mayPayOrder(context.caller, payment) ? payment : null;
}

/** An order's payments, oldest first, batched per request: `Order.payments` for a page of orders is one statement. */
export async function visiblePaymentsOfOrder(context: SubgraphContext, orderId: string): Promise<Payment[]> {
  if (!isUuid(orderId)) return [];
  const store = context.storeDb.whereStore();
  const payments = await context.loaders
    .get<string, Payment[]>('paymentsByOrderId', async (orderIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(Payment).find({ where: { orderId: In([...orderIds]), ...store }, order: { createdAt: 'ASC', id: 'ASC' } }),
      );
      return orderIds.map((orderId) => rows.filter((row) => row.orderId === orderId));
    })
    .load(orderId);
  // every payment of an order has the order's store and customer: all are visible or none
  return payments.filter((payment) => mayPayOrder(context.caller, payment));
}

/** A page of an order's payments, oldest first, for its customer and its store's staff; empty for anyone else. */
export async function listOrderPayments(
  context: SubgraphContext,
  args: { orderId: string; first?: number | null; after?: string | null },
): Promise<Connection<Payment>> {
  const limit = pageSize(args.first);
  const none = () => toConnection<Payment>([], limit, 0, Boolean(args.after), () => '');
  if (!isUuid(args.orderId)) return none();
  const store = context.storeDb.whereStore();
  return context.storeDb.read(async (manager) => {
    const order = await manager.getRepository(OrderReadModel).findOneBy({ orderId: args.orderId, ...store });
    if (!order?.placedAt || !mayPayOrder(context.caller, order)) return none();
    const query = manager.getRepository(Payment).createQueryBuilder('p').where('p.order_id = :orderId', { orderId: args.orderId });
    if (store.storeId) query.andWhere('p.store_id = :storeId', { storeId: store.storeId });
    return keysetPage(query, { sort: byCreatedAt<Payment>('p'), descending: false, limit, after: args.after, countTotal: true });
  });
}

/** A payment's provider calls, oldest first, batched per request. */
export function loadTransactions(context: SubgraphContext, paymentId: string): Promise<PaymentTransaction[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, PaymentTransaction[]>('transactionsByPaymentId', async (paymentIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(PaymentTransaction).find({ where: { paymentId: In([...paymentIds]), ...store }, order: { createdAt: 'ASC', id: 'ASC' } }),
      );
      return paymentIds.map((paymentId) => rows.filter((row) => row.paymentId === paymentId));
    })
    .load(paymentId);
}
