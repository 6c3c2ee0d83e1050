import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';
import { OrderStatus } from '../order/order-status';

@ObjectType({ description: 'How many orders are in one status.' })
export class OrderStatusCount {
  @Field(() => OrderStatus, { description: 'The status.' })
  status: OrderStatus;

  @Field(() => Int, { description: 'Orders in it.' })
  count: number;
}

@ObjectType({ description: 'Orders and revenue of one day (UTC).' })
export class DailyOrderStats {
  @Field({ description: 'The day, YYYY-MM-DD (UTC).' })
  date: string;

  @Field(() => Int, { description: 'Orders placed that day.' })
  orders: number;

  @Field(() => Money, { description: 'Revenue of that day’s confirmed, dispatched and completed orders.' })
  revenue: Money;
}

@ObjectType({ description: 'Order figures of a store for a period, computed from the orders database.' })
export class OrderAnalytics {
  @Field(() => Int, { description: 'Orders placed in the period.' })
  ordersCount: number;

  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [OrderStatusCount], { description: 'Those orders by their current status.' })
  ordersByStatus: OrderStatusCount[];

  @Field(() => Money, { description: 'Total of the confirmed, dispatched and completed orders.' })
  revenue: Money;

  @Field(() => Money, { description: 'revenue divided by the number of revenue orders (rounded to minor units).' })
  averageOrderValue: Money;

  @Field(() => Float, { description: 'Share of placed orders that brought revenue, 0–1.' })
  conversionRate: number;

  @Directive('@listSize(assumedSize: 31)')
  @Field(() => [DailyOrderStats], { description: 'One entry per day of the period, days without orders included.' })
  daily: DailyOrderStats[];
}
