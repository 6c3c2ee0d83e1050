import { toConnection, encodeCursor, pageSize, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { checkedCursor } from '../customer/customer-queries';
import { CustomerOrder } from './customer-order.entity';
import { OrderReference } from './order-reference.type';

/** A customer's orders, newest first, as references the orders subgraph resolves. */
export function customerOrders(
  context: SubgraphContext,
  customer: { id: string; storeId: string },
  args: { first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<OrderReference>> {
  const limit = pageSize(args.first);
  return context.storeDb.read(async (manager) => {
    const query = manager
      .getRepository(CustomerOrder)
      .createQueryBuilder('o')
      .where('o.store_id = :storeId AND o.customer_id = :customerId', { storeId: customer.storeId, customerId: customer.id });
    const totalCount = countTotal ? await query.clone().getCount() : 0;
    if (args.after) {
      const [value, id] = checkedCursor(args.after, 'timestamptz');
      query.andWhere('(o.placed_at, o.order_id) < (CAST(:cursorValue AS timestamptz), CAST(:cursorId AS uuid))', { cursorValue: value, cursorId: id });
    }
    const rows = await query
      .orderBy('o.placed_at', 'DESC')
      .addOrderBy('o.order_id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page = toConnection(rows, limit, totalCount, Boolean(args.after), (row) => encodeCursor(row.placedAt!.toISOString(), row.orderId));
    return {
      ...page,
      nodes: page.nodes.map((row) => OrderReference.of(row.orderId)),
      edges: page.edges.map((edge) => ({ ...edge, node: OrderReference.of(edge.node.orderId) })),
    };
  });
}
