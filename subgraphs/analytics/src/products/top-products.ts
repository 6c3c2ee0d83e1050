import { Money, safeIntegerFrom, type SubgraphContext } from '@ultramarket/kit';
import { dateOfDayNumber, periodOf } from '../period/period';
import { reportSettingsOf, reportStoreOf } from '../period/report-scope';
import { TopProductsOrder, type TopProductsInput } from '../period/report.inputs';
import { ProductSales, TopProductsReport } from './top-products.type';

interface RankedRow {
  product_id: string;
  variant_id: string | null;
  title: string;
  variant_title: string | null;
  sku: string | null;
  revenue: string;
  units: string;
}

/** topProducts (`level` PRODUCT: variants summed) and topVariants (`level` VARIANT) of the caller's store. */
export async function topSellers(context: SubgraphContext, input: TopProductsInput, level: 'PRODUCT' | 'VARIANT'): Promise<TopProductsReport> {
  const storeId = reportStoreOf(context);
  const period = periodOf(input.from, input.to);
  const order = input.by === TopProductsOrder.UNITS ? 'units DESC, revenue DESC' : 'revenue DESC, units DESC';
  const group = level === 'PRODUCT' ? 'product_id' : 'product_id, variant_id';
  return context.storeDb.read(async (manager) => {
    const { currencyCode } = await reportSettingsOf(manager, storeId, input.currencyCode);
    // the titles of each group's latest day: a renamed product shows its newest title
    const rows: RankedRow[] = await manager.query(
      `SELECT product_id, ${level === 'PRODUCT' ? 'NULL::uuid AS variant_id' : 'variant_id'},
              (array_agg(title ORDER BY day DESC))[1] AS title,
              ${level === 'PRODUCT' ? 'NULL AS variant_title, NULL AS sku' : '(array_agg(variant_title ORDER BY day DESC))[1] AS variant_title, (array_agg(sku ORDER BY day DESC))[1] AS sku'},
              sum(revenue) AS revenue, sum(units) AS units
         FROM product_day
        WHERE store_id = $1 AND currency_code = $2 AND day BETWEEN $3::date AND $4::date
        GROUP BY ${group}
        ORDER BY ${order}, ${group}
        LIMIT $5`,
      [storeId, currencyCode, dateOfDayNumber(period.from), dateOfDayNumber(period.to), input.first],
    );
    return Object.assign(new TopProductsReport(), {
      from: dateOfDayNumber(period.from),
      to: dateOfDayNumber(period.to),
      currencyCode,
      by: input.by,
      items: rows.map((row) =>
        Object.assign(new ProductSales(), {
          productId: row.product_id,
          variantId: row.variant_id,
          title: row.title,
          variantTitle: row.variant_title,
          sku: row.sku,
          revenue: Money.of(safeIntegerFrom(row.revenue, 'revenue'), currencyCode),
          units: safeIntegerFrom(row.units, 'units'),
        }),
      ),
    });
  });
}
