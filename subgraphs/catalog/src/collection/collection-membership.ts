import { returnedRows, type Tx } from '@ultramarket/kit';
import { Collection, CollectionKind } from './collection.entity';
import { rulesSql } from './collection-rule';
import { emitCollectionUpdated } from './collection.events';
import { ProductStatus } from '../product/product-status';

/** What a membership computation changed. */
export interface MembershipChange {
  added: string[];
  removed: string[];
}

/**
 * Makes an automated collection's members exactly the store's products meeting its rules (archived
 * products never are), in one statement over `product_rule_facts`, and says who joined and who left.
 */
export async function recomputeCollection(tx: Tx, collection: Collection): Promise<MembershipChange> {
  const rules = rulesSql(collection.rules, collection.match, 3);
  const rows = await returnedRows<{ change: 'added' | 'removed'; product_id: string }>(
    tx.manager,
    `WITH wanted AS (
       SELECT f.product_id FROM product_rule_facts f WHERE f.store_id = $1 AND f.status <> '${ProductStatus.ARCHIVED}' AND ${rules.sql}
     ), removed AS (
       DELETE FROM collection_product cp WHERE cp.collection_id = $2 AND cp.product_id NOT IN (SELECT product_id FROM wanted) RETURNING cp.product_id
     ), added AS (
       INSERT INTO collection_product (collection_id, product_id, store_id) SELECT $2, product_id, $1 FROM wanted
       ON CONFLICT (collection_id, product_id) DO NOTHING RETURNING product_id
     )
     SELECT 'added' AS change, product_id FROM added UNION ALL SELECT 'removed' AS change, product_id FROM removed`,
    [collection.storeId, collection.id, ...rules.parameters],
  );
  return {
    added: rows
      .filter((row) => row.change === 'added')
      .map((row) => row.product_id)
      .sort(),
    removed: rows
      .filter((row) => row.change === 'removed')
      .map((row) => row.product_id)
      .sort(),
  };
}

/**
 * Re-evaluates one product against every automated collection of its store (after its facts changed),
 * and publishes catalog.collection-updated for each collection it joined or left. One statement per
 * collection; the collections are locked in id order so two products' updates never deadlock.
 */
export async function refreshProductMemberships(tx: Tx, storeId: string, productId: string): Promise<void> {
  const collections = await tx.manager
    .getRepository(Collection)
    .find({ where: { storeId, kind: CollectionKind.AUTOMATED }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  for (const collection of collections) {
    const rules = rulesSql(collection.rules, collection.match, 4);
    const rows = await returnedRows<{ change: 'added' | 'removed' }>(
      tx.manager,
      `WITH belongs AS (
         SELECT EXISTS (
           SELECT 1 FROM product_rule_facts f
            WHERE f.product_id = $3 AND f.store_id = $1 AND f.status <> '${ProductStatus.ARCHIVED}' AND ${rules.sql}
         ) AS yes
       ), removed AS (
         DELETE FROM collection_product cp WHERE cp.collection_id = $2 AND cp.product_id = $3 AND NOT (SELECT yes FROM belongs) RETURNING 1
       ), added AS (
         INSERT INTO collection_product (collection_id, product_id, store_id) SELECT $2, $3, $1 WHERE (SELECT yes FROM belongs)
         ON CONFLICT (collection_id, product_id) DO NOTHING RETURNING 1
       )
       SELECT 'added' AS change FROM added UNION ALL SELECT 'removed' AS change FROM removed`,
      [storeId, collection.id, productId, ...rules.parameters],
    );
    if (rows.length === 0) continue;
    const joined = rows[0].change === 'added';
    await emitCollectionUpdated(tx, collection, joined ? [productId] : [], joined ? [] : [productId]);
  }
}
