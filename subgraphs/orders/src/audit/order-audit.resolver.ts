import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Directive, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import {
  CONNECTION_LIST_SIZE,
  connectionTypes,
  forbidden,
  keysetPage,
  managesStore,
  PageArgs,
  pageSize,
  selectsField,
  type SubgraphContext,
} from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { OrderAuditEntry } from './order-audit-entry.entity';

export const OrderAuditEntryConnection = connectionTypes(OrderAuditEntry, 'OrderAuditEntry');

@Resolver(() => Order)
export class OrderAuditResolver {
  /** The store's staff (and platform admins) only: the order's shopper gets FORBIDDEN. */
  @Directive(CONNECTION_LIST_SIZE)
  @FieldResolver(() => OrderAuditEntryConnection, {
    description: 'Who did what to the order and when, newest first: its store’s staff and platform admins only (anyone else gets FORBIDDEN).',
  })
  async auditTrail(@Root() order: Order, @Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    if (!managesStore(context.caller, order.storeId)) throw forbidden('Only the store’s staff may read an order’s audit trail');
    const limit = pageSize(args.first);
    return context.storeDb.read((manager) => {
      const query = manager
        .getRepository(OrderAuditEntry)
        .createQueryBuilder('a')
        .where('a.store_id = :storeId AND a.order_id = :orderId', { storeId: order.storeId, orderId: order.id });
      return keysetPage(query, {
        sort: { column: 'a.occurred_at', type: 'timestamptz', valueOf: (entry) => entry.occurredAt.toISOString() },
        descending: true,
        limit,
        after: args.after,
        countTotal: selectsField(info, 'totalCount'),
      });
    });
  }
}
