import type { EntityManager } from 'typeorm';
import type { ShippingMethodRates } from '@ultramarket/kit';

/** The stores' live shipping methods as cart last heard them from shipping; a store without any is missing from the map. */
export async function readShippingMethods(manager: EntityManager, storeIds: string[]): Promise<Map<string, ShippingMethodRates[]>> {
  const rows: { store_id: string; method: ShippingMethodRates }[] = await manager.query(
    `SELECT store_id, method FROM shipping_method_view WHERE store_id = ANY($1::uuid[]) AND method IS NOT NULL ORDER BY method_id`,
    [storeIds],
  );
  const methods = new Map<string, ShippingMethodRates[]>();
  for (const row of rows) methods.set(row.store_id, [...(methods.get(row.store_id) ?? []), row.method]);
  return methods;
}
