import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { connectionTypes, Role, selectsField, TwoWayPageArgs, type SubgraphContext } from '@ultramarket/kit';
import { Order } from './order.entity';
import { OrderLineItem } from './order-line-item.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { CancelOrderInput, CompleteOrderInput, OrderAnalyticsInput } from './order.inputs';
import { OrderFilter, OrderSort } from '../search/order-search.inputs';
import { listOrders } from '../search/order-search';
import { CancelOrderPayload, CompleteOrderPayload } from './order.payloads';
import { findVisibleOrder, loadLineItems, loadStatusHistory } from './order-queries';
import { cancelOrder, completeOrder } from './order-commands';
import { orderAnalytics } from '../analytics/order-analytics';
import { OrderAnalytics } from '../analytics/order-analytics.type';

export const OrderConnection = connectionTypes(Order, 'Order');

@ArgsType()
class OrdersArgs extends TwoWayPageArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => OrderFilter, { nullable: true, description: 'Conditions every order must meet.' })
  filter?: OrderFilter;

  @Field(() => OrderSort, { nullable: true, description: 'Order of the list (default: newest first).' })
  sort?: OrderSort;
}

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { nullable: true, description: 'An order by id: its shopper, its store’s staff and platform admins may read it.' })
  order(@Arg('id', () => ID, { description: 'Order id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Order | null> {
    return findVisibleOrder(context, id);
  }

  @Authorized()
  @Directive('@listSize(assumedSize: 20, slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)')
  @Query(() => OrderConnection, {
    description:
      'Order search: a shopper’s own orders, or a store’s orders for its staff, filtered, sorted (newest first by default) and paged forward (first/after) or backward (last/before). BAD_USER_INPUT for a page size over 100, a cursor this API did not make, or a range that ends before it starts.',
  })
  orders(@Args() args: OrdersArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listOrders(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => OrderAnalytics, {
    description: 'Orders by status, revenue, average order value and a daily series for the caller’s store.',
    deprecationReason:
      'Use salesReport from analytics (store-local days, weeks and months, refunds, comparison with the previous period); removed after 2027-03-08.',
  })
  orderAnalytics(@Arg('input', { description: 'The period.' }) input: OrderAnalyticsInput, @Ctx() context: SubgraphContext): Promise<OrderAnalytics> {
    return orderAnalytics(context, input);
  }

  @Mutation(() => CancelOrderPayload, {
    description:
      'Cancels an unpaid order (its shopper or its store’s staff); its stock is released. The shopper is told the reason code, never the note. The staff of a SUSPENDED or CLOSED store get STORE_UNAVAILABLE.',
  })
  cancelOrder(@Arg('input', { description: 'The order and why.' }) input: CancelOrderInput, @Ctx() context: SubgraphContext): Promise<CancelOrderPayload> {
    return cancelOrder(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CompleteOrderPayload, {
    description: 'Closes a FULFILLED or DELIVERED order of the caller’s store (staff); any other status is INVALID_TRANSITION.',
  })
  completeOrder(@Arg('input', { description: 'The order.' }) input: CompleteOrderInput, @Ctx() context: SubgraphContext): Promise<CompleteOrderPayload> {
    return completeOrder(context, input);
  }

  @Directive('@listSize(assumedSize: 20)')
  @FieldResolver(() => [OrderLineItem], { description: 'What was bought.' })
  lineItems(@Root() order: Order, @Ctx() context: SubgraphContext): Promise<OrderLineItem[]> {
    return loadLineItems(context, order.id);
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [OrderStatusChange], { description: 'Every status the order entered, oldest first.' })
  statusHistory(@Root() order: Order, @Ctx() context: SubgraphContext): Promise<OrderStatusChange[]> {
    return loadStatusHistory(context, order.id);
  }

  /** Served by the gateway from `orders.status-changed`; declared here because orders owns Order. */
  @Subscription(() => Order, {
    description: 'Pushes the order each time its status changes (its shopper and its store’s staff only). Ask for any field, from any subgraph.',
    subscribe: () => {
      throw new Error('orderStatusChanged is served by the gateway');
    },
  })
  orderStatusChanged(@Arg('orderId', () => ID, { description: 'The order to follow.' }) _orderId: string): Order {
    throw new Error('orderStatusChanged is served by the gateway');
  }
}
