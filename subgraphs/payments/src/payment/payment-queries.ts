import { In } from 'typeorm';
import { badUserInput, byKeys, decodeCursor, encodeCursor, pageSize, toConnection, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { OrderReadModel } from '../order/order-read-model.entity';
import { Payment } from './payment.entity';
import { PaymentTransaction } from './payment-transaction.entity';
import { mayPayOrder, UUID } from './payment-access';

/** Payments by id, batched per request; used by `payment(id)` and by federation references. */
function loadPayment(context: SubgraphContext, id: string): Promise<Payment | null> {
  return context.loaders
    .get<string, Payment | null>('paymentById', async (ids) => {
      const rows = await context.db.getRepository(Payment).findBy({ id: In([...ids]) });
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

/** A payment the caller may see (see `mayPayOrder`), or null: another shopper's payment is "not found". */
export async function findVisiblePayment(context: SubgraphContext, id: string): Promise<Payment | null> {
  if (!UUID.test(id)) return null;
  const payment = await loadPayment(context, id);
  return payment && mayPayOrder(context.caller, payment) ? payment : null;
}

/** An order's payments, oldest first, batched per request: `Order.payments` for a page of orders is one statement. */
export async function visiblePaymentsOfOrder(context: SubgraphContext, orderId: string): Promise<Payment[]> {
  if (!UUID.test(orderId)) return [];
  const payments = await context.loaders
    .get<string, Payment[]>('paymentsByOrderId', async (orderIds) => {
      const rows = await context.db.getRepository(Payment).find({ where: { orderId: In([...orderIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
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
  const order = UUID.test(args.orderId) ? await context.db.getRepository(OrderReadModel).findOneBy({ orderId: args.orderId }) : null;
  if (!order?.placedAt || !mayPayOrder(context.caller, order)) return toConnection([], limit, 0, Boolean(args.after), () => '');
  const query = context.db.getRepository(Payment).createQueryBuilder('p').where('p.order_id = :orderId', { orderId: args.orderId });
  const totalCount = await query.clone().getCount();
  if (args.after) {
    const [createdAt, id] = decodeCursor(args.after);
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !UUID.test(id)) {
      throw badUserInput('after is not a valid cursor', [{ field: ['after'], message: 'is not a cursor returned by this API' }]);
    }
    query.andWhere('(p.created_at, p.id) > (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', { createdAt, id });
  }
  const rows = await query
    .orderBy('p.created_at', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .limit(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, Boolean(args.after), (payment) => encodeCursor(payment.createdAt.toISOString(), payment.id));
}

/** A payment's provider calls, oldest first, batched per request. */
export function loadTransactions(context: SubgraphContext, paymentId: string): Promise<PaymentTransaction[]> {
  return context.loaders
    .get<string, PaymentTransaction[]>('transactionsByPaymentId', async (paymentIds) => {
      const rows = await context.db
        .getRepository(PaymentTransaction)
        .find({ where: { paymentId: In([...paymentIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
      return paymentIds.map((paymentId) => rows.filter((row) => row.paymentId === paymentId));
    })
    .load(paymentId);
}
