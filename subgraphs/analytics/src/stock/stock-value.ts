import { Money, safeIntegerFrom, type SubgraphContext } from '@ultramarket/kit';
import { reportSettingsOf, reportStoreOf } from '../period/report-scope';
import type { StockValueInput } from '../period/report.inputs';
import { StockValue } from './stock-value.type';

/** stockValue: on-hand units × current price, now, for the caller's store. */
export async function stockValue(context: SubgraphContext, input: StockValueInput | null | undefined): Promise<StockValue> {
  const storeId = reportStoreOf(context);
  return context.storeDb.read(async (manager) => {
    const { currencyCode } = await reportSettingsOf(manager, storeId, input?.currencyCode);
    const [row]: Record<string, string>[] = await manager.query(
      `SELECT coalesce(sum(greatest(s.on_hand, 0)::bigint * p.price) FILTER (WHERE p.currency_code = $2), 0) AS value,
              coalesce(sum(greatest(s.on_hand, 0)) FILTER (WHERE p.currency_code = $2), 0) AS units,
              count(*) FILTER (WHERE p.currency_code = $2) AS variants,
              coalesce(sum(greatest(s.on_hand, 0)) FILTER (WHERE p.variant_id IS NULL), 0) AS unpriced_units
         FROM variant_stock s LEFT JOIN variant_price p ON p.store_id = s.store_id AND p.variant_id = s.variant_id
        WHERE s.store_id = $1`,
      [storeId, currencyCode],
    );
    return Object.assign(new StockValue(), {
      value: Money.of(safeIntegerFrom(row.value, 'stock value'), currencyCode),
      units: safeIntegerFrom(row.units, 'units'),
      variants: safeIntegerFrom(row.variants, 'variants'),
      unpricedUnits: safeIntegerFrom(row.unpriced_units, 'unpricedUnits'),
    });
  });
}
