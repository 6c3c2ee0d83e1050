import { keysetPage, pageSize, type Connection, type KeysetSort, type SubgraphContext } from '@ultramarket/kit';
import { CustomerOrder } from './customer-order.entity';
import { OrderReference } from './order-reference.type';

const NEWEST_FIRST: KeysetSort<CustomerOrder> = { column: 'o.placed_at', type: 'timestamptz', valueOf: (row) => row.placedAt!.toISOString() };

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
    const page = await keysetPage(query, {
      sort: NEWEST_FIRST,
      descending: true,
      idColumn: 'o.order_id',
      idOf: (row) => row.orderId,
      limit,
      after: args.after,
      countTotal,
    });
    return {
      ...page,
      nodes: page.nodes.map((row) => OrderReference.of(row.orderId)),
      edges: page.edges.map((edge) => ({ ...edge, node: OrderReference.of(edge.node.orderId) })),
    };
  });
}
