import type { EntityManager } from 'typeorm';
import { badUserInput, Money, safeIntegerFrom, type SubgraphContext } from '@ultramarket/kit';
import { type OrderStatus, REVENUE_STATUSES } from '../order/order-status';
import type { OrderAnalyticsInput } from '../order/order.inputs';
import { DailyOrderStats, OrderAnalytics, OrderStatusCount } from './order-analytics.type';

const MAX_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Order analytics of the caller's store for [from, to), three aggregate queries in one read of that store. */
export async function orderAnalytics(context: SubgraphContext, input: OrderAnalyticsInput): Promise<OrderAnalytics> {
  const storeId = context.caller.storeId;
  if (!storeId) throw badUserInput('Act for a store to see its analytics');
  if (!(input.from < input.to)) throw badUserInput('from must be before to', [{ field: ['input', 'to'], message: 'must be after from' }]);
  if (input.to.getTime() - input.from.getTime() > MAX_DAYS * DAY_MS) {
    throw badUserInput(`The period can be at most ${MAX_DAYS} days`, [{ field: ['input', 'to'], message: `at most ${MAX_DAYS} days after from` }]);
  }
  return context.storeDb.read((db) => analyse(db, storeId, input));
}

async function analyse(db: EntityManager, storeId: string, input: OrderAnalyticsInput): Promise<OrderAnalytics> {
  const period = [storeId, input.from, input.to];
  const byStatus: { status: OrderStatus; count: string }[] = await db.query(
    `SELECT status, count(*) AS count FROM customer_order WHERE store_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY status ORDER BY status`,
    period,
  );
  const currencyCode =
    input.currencyCode ??
    (
      await db.query(
        `SELECT currency_code FROM customer_order WHERE store_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY currency_code ORDER BY count(*) DESC LIMIT 1`,
        period,
      )
    )[0]?.currency_code ??
    'USD';
  const daily: { day: string; orders: string; revenue: string; revenue_orders: string }[] = await db.query(
    `SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
            count(o.id) AS orders,
            coalesce(sum(o.total_amount - o.refunded_amount) FILTER (WHERE o.status = ANY($5) AND o.currency_code = $4), 0) AS revenue,
            count(o.id) FILTER (WHERE o.status = ANY($5) AND o.currency_code = $4) AS revenue_orders
       FROM generate_series(date_trunc('day', $2::timestamptz AT TIME ZONE 'UTC'), ($3::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond', interval '1 day') AS d(day)
       LEFT JOIN customer_order o
         ON o.store_id = $1 AND o.created_at >= $2 AND o.created_at < $3
        AND date_trunc('day', o.created_at AT TIME ZONE 'UTC') = d.day
      GROUP BY d.day ORDER BY d.day`,
    [...period, currencyCode, REVENUE_STATUSES],
  );

  const ordersCount = byStatus.reduce((sum, row) => sum + Number(row.count), 0);
  // sum(bigint) is numeric, returned as text: added exactly, and refused (not rounded) beyond 2^53 − 1
  const revenue = safeIntegerFrom(
    daily.reduce((sum, row) => sum + BigInt(row.revenue), 0n),
    'revenue',
  );
  const revenueOrders = daily.reduce((sum, row) => sum + Number(row.revenue_orders), 0);
  return Object.assign(new OrderAnalytics(), {
    ordersCount,
    ordersByStatus: byStatus.map((row) => Object.assign(new OrderStatusCount(), { status: row.status, count: Number(row.count) })),
    revenue: Money.of(revenue, currencyCode),
    averageOrderValue: Money.of(revenueOrders === 0 ? 0 : averageOf(revenue, revenueOrders), currencyCode),
    conversionRate: ordersCount === 0 ? 0 : revenueOrders / ordersCount,
    daily: daily.map((row) =>
      Object.assign(new DailyOrderStats(), {
        date: row.day,
        orders: Number(row.orders),
        revenue: Money.of(safeIntegerFrom(row.revenue, 'revenue'), currencyCode),
      }),
    ),
  });
}

/** `total / count` rounded half up to a minor unit, in BigInt: a double divides a total near 2^53 inexactly. */
function averageOf(total: number, count: number): number {
  return Number((2n * BigInt(total) + BigInt(count)) / (2n * BigInt(count)));
}
