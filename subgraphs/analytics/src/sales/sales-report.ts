import type { EntityManager } from 'typeorm';
import { Money, safeIntegerFrom, type SubgraphContext } from '@ultramarket/kit';
import { dayNumberOf } from '../period/local-day';
import { averageMinor, relativeChange } from '../period/money-sum';
import { bucketsOf, dateOfDayNumber, periodOf, previousPeriodOf, type Granularity, type Period } from '../period/period';
import { reportSettingsOf, reportStoreOf } from '../period/report-scope';
import type { SalesReportInput } from '../period/report.inputs';
import { FigureChange, PreviousPeriod, SalesBucket, SalesChange, SalesFigures, SalesReport } from './sales-report.type';

/** The summable columns of a day, as exact integers. */
interface DaySums {
  gross: bigint;
  discounts: bigint;
  shipping: bigint;
  taxes: bigint;
  total: bigint;
  refunds: bigint;
  ordersCount: bigint;
  units: bigint;
  ordersPlaced: bigint;
  newCustomerOrders: bigint;
  returningCustomerOrders: bigint;
  cartsCreated: bigint;
  checkoutsCompleted: bigint;
}

const SUM_KEYS: (keyof DaySums)[] = [
  'gross',
  'discounts',
  'shipping',
  'taxes',
  'total',
  'refunds',
  'ordersCount',
  'units',
  'ordersPlaced',
  'newCustomerOrders',
  'returningCustomerOrders',
  'cartsCreated',
  'checkoutsCompleted',
];

const zero = (): DaySums => Object.fromEntries(SUM_KEYS.map((key) => [key, 0n])) as unknown as DaySums;

/** Adds `b` into `a`. */
function addInto(a: DaySums, b: DaySums): DaySums {
  for (const key of SUM_KEYS) a[key] += b[key];
  return a;
}

/** The rolled-up days of a store in one currency between two day numbers (inclusive), by day number. */
export async function readSalesDays(manager: EntityManager, storeId: string, currencyCode: string, period: Period): Promise<Map<number, DaySums>> {
  const from = dateOfDayNumber(period.from);
  const to = dateOfDayNumber(period.to);
  const days = new Map<number, DaySums>();
  const dayOf = (day: string) => {
    const number = dayNumberOf(day)!;
    if (!days.has(number)) days.set(number, zero());
    return days.get(number)!;
  };
  const sales: Record<string, string>[] = await manager.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, gross, discounts, shipping, taxes, total, refunds, orders_count, units, orders_placed,
            new_customer_orders, returning_customer_orders
       FROM sales_day WHERE store_id = $1 AND currency_code = $2 AND day BETWEEN $3::date AND $4::date`,
    [storeId, currencyCode, from, to],
  );
  for (const row of sales) {
    addInto(dayOf(row.day), {
      ...zero(),
      gross: BigInt(row.gross),
      discounts: BigInt(row.discounts),
      shipping: BigInt(row.shipping),
      taxes: BigInt(row.taxes),
      total: BigInt(row.total),
      refunds: BigInt(row.refunds),
      ordersCount: BigInt(row.orders_count),
      units: BigInt(row.units),
      ordersPlaced: BigInt(row.orders_placed),
      newCustomerOrders: BigInt(row.new_customer_orders),
      returningCustomerOrders: BigInt(row.returning_customer_orders),
    });
  }
  const carts: Record<string, string>[] = await manager.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, carts_created, checkouts_completed FROM cart_day WHERE store_id = $1 AND day BETWEEN $2::date AND $3::date`,
    [storeId, from, to],
  );
  for (const row of carts) {
    addInto(dayOf(row.day), { ...zero(), cartsCreated: BigInt(row.carts_created), checkoutsCompleted: BigInt(row.checkouts_completed) });
  }
  return days;
}

/** The sums of the days from `from` to `to` (inclusive). */
export function sumDays(days: Map<number, DaySums>, from: number, to: number): DaySums {
  const sums = zero();
  for (const [day, values] of days) if (day >= from && day <= to) addInto(sums, values);
  return sums;
}

/** The figures of summed days: money refused beyond 2^53 − 1 rather than rounded. */
export function figuresOf(sums: DaySums, currencyCode: string): SalesFigures {
  const int = (value: bigint, what: string) => safeIntegerFrom(value, what);
  const money = (value: bigint, what: string) => Money.of(int(value, what), currencyCode);
  const total = int(sums.total, 'totalSales');
  const ordersCount = int(sums.ordersCount, 'ordersCount');
  const cartsCreated = int(sums.cartsCreated, 'cartsCreated');
  const checkoutsCompleted = int(sums.checkoutsCompleted, 'checkoutsCompleted');
  return Object.assign(new SalesFigures(), {
    grossSales: money(sums.gross, 'grossSales'),
    discounts: money(sums.discounts, 'discounts'),
    shipping: money(sums.shipping, 'shipping'),
    taxes: money(sums.taxes, 'taxes'),
    totalSales: Money.of(total, currencyCode),
    refunds: money(sums.refunds, 'refunds'),
    netSales: money(sums.total - sums.refunds, 'netSales'),
    ordersCount,
    ordersPlaced: int(sums.ordersPlaced, 'ordersPlaced'),
    averageOrderValue: Money.of(averageMinor(total, ordersCount), currencyCode),
    units: int(sums.units, 'units'),
    newCustomerOrders: int(sums.newCustomerOrders, 'newCustomerOrders'),
    returningCustomerOrders: int(sums.returningCustomerOrders, 'returningCustomerOrders'),
    cartsCreated,
    checkoutsCompleted,
    cartConversionRate: cartsCreated === 0 ? null : checkoutsCompleted / cartsCreated,
  });
}

function changeOf(current: number, previous: number): FigureChange {
  return Object.assign(new FigureChange(), { difference: current - previous, ratio: relativeChange(current, previous) });
}

/** How the main figures moved from `previous` to `current`. */
export function salesChangeOf(current: SalesFigures, previous: SalesFigures): SalesChange {
  return Object.assign(new SalesChange(), {
    grossSales: changeOf(current.grossSales.amount, previous.grossSales.amount),
    discounts: changeOf(current.discounts.amount, previous.discounts.amount),
    totalSales: changeOf(current.totalSales.amount, previous.totalSales.amount),
    refunds: changeOf(current.refunds.amount, previous.refunds.amount),
    netSales: changeOf(current.netSales.amount, previous.netSales.amount),
    ordersCount: changeOf(current.ordersCount, previous.ordersCount),
    averageOrderValue: changeOf(current.averageOrderValue.amount, previous.averageOrderValue.amount),
    units: changeOf(current.units, previous.units),
  });
}

/** salesReport: the caller's store's sales by day, ISO week or month, with totals and optionally the previous period. */
export async function salesReport(context: SubgraphContext, input: SalesReportInput): Promise<SalesReport> {
  const storeId = reportStoreOf(context);
  const period = periodOf(input.from, input.to);
  const granularity = input.granularity as Granularity;
  const previous = input.compareToPreviousPeriod ? previousPeriodOf(period) : null;
  return context.storeDb.read(async (manager) => {
    const { timezone, currencyCode } = await reportSettingsOf(manager, storeId, input.currencyCode);
    const days = await readSalesDays(manager, storeId, currencyCode, { from: previous?.from ?? period.from, to: period.to });
    const totals = figuresOf(sumDays(days, period.from, period.to), currencyCode);
    const previousTotals = previous ? figuresOf(sumDays(days, previous.from, previous.to), currencyCode) : null;
    return Object.assign(new SalesReport(), {
      from: dateOfDayNumber(period.from),
      to: dateOfDayNumber(period.to),
      timezone,
      currencyCode,
      granularity: input.granularity,
      buckets: bucketsOf(period, granularity).map((bucket) =>
        Object.assign(new SalesBucket(), {
          label: bucket.label,
          from: dateOfDayNumber(bucket.from),
          to: dateOfDayNumber(bucket.to),
          figures: figuresOf(sumDays(days, bucket.from, bucket.to), currencyCode),
        }),
      ),
      totals,
      previousPeriod:
        previous && previousTotals
          ? Object.assign(new PreviousPeriod(), { from: dateOfDayNumber(previous.from), to: dateOfDayNumber(previous.to), totals: previousTotals })
          : null,
      change: previousTotals ? salesChangeOf(totals, previousTotals) : null,
    });
  });
}
