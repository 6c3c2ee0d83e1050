import type { EntityManager } from 'typeorm';
import type { TaxRule as EngineTaxRule } from '@ultramarket/kit';
import { TaxRule } from './tax-rule.entity';

/** The stores' tax rules as the pricing engine takes them, read fresh for each batch of carts (one statement). */
export async function readStoreTaxRules(manager: EntityManager, storeIds: string[]): Promise<Map<string, EngineTaxRule[]>> {
  const rows = await manager.getRepository(TaxRule).createQueryBuilder('t').where('t.store_id = ANY(:storeIds)', { storeIds }).orderBy('t.id').getMany();
  const byStore = new Map<string, EngineTaxRule[]>(storeIds.map((storeId) => [storeId, []]));
  for (const row of rows) {
    byStore.get(row.storeId)?.push({
      ruleId: row.id,
      title: row.title,
      countryCode: row.countryCode,
      provinceCode: row.provinceCode,
      postalCodePrefix: row.postalCodePrefix,
      taxClass: row.taxClass,
      rateBasisPoints: row.rateBasisPoints,
    });
  }
  return byStore;
}
