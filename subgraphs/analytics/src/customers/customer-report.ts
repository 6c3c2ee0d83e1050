import { Money, safeIntegerFrom, type SubgraphContext } from '@ultramarket/kit';
import { averageMinor } from '../period/money-sum';
import { dateOfDayNumber, periodOf } from '../period/period';
import { reportSettingsOf, reportStoreOf } from '../period/report-scope';
import type { CustomerReportInput } from '../period/report.inputs';
import { CustomerReport } from './customer-report.type';

/** customerReport: the customers of the caller's store who paid for an order placed in the period. */
export async function customerReport(context: SubgraphContext, input: CustomerReportInput): Promise<CustomerReport> {
  const storeId = reportStoreOf(context);
  const period = periodOf(input.from, input.to);
  const from = dateOfDayNumber(period.from);
  const to = dateOfDayNumber(period.to);
  return context.storeDb.read(async (manager) => {
    const { currencyCode } = await reportSettingsOf(manager, storeId, input.currencyCode);
    const [row]: Record<string, string>[] = await manager.query(
      `WITH active AS (
         SELECT DISTINCT customer_key FROM customer_day WHERE store_id = $1 AND currency_code = $2 AND day BETWEEN $3::date AND $4::date
       )
       SELECT count(*) AS customers,
              count(*) FILTER (WHERE t.first_day >= $3::date) AS new_customers,
              count(*) FILTER (WHERE t.orders_count >= 2) AS repeat_customers,
              coalesce(sum(t.spent - t.refunded), 0) AS lifetime_value,
              coalesce(sum(t.orders_count), 0) AS orders
         FROM active a JOIN customer_total t ON t.store_id = $1 AND t.currency_code = $2 AND t.customer_key = a.customer_key`,
      [storeId, currencyCode, from, to],
    );
    const customers = safeIntegerFrom(row.customers, 'customers');
    const newCustomers = safeIntegerFrom(row.new_customers, 'newCustomers');
    return Object.assign(new CustomerReport(), {
      from,
      to,
      currencyCode,
      customers,
      newCustomers,
      returningCustomers: customers - newCustomers,
      repeatCustomerRate: customers === 0 ? null : safeIntegerFrom(row.repeat_customers, 'repeatCustomers') / customers,
      averageLifetimeValue: Money.of(averageMinor(safeIntegerFrom(row.lifetime_value, 'lifetimeValue'), customers), currencyCode),
      averageOrdersPerCustomer: customers === 0 ? null : safeIntegerFrom(row.orders, 'orders') / customers,
    });
  });
}
