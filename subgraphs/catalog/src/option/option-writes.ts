import { randomUUID } from 'node:crypto';
import type { Tx } from '@ultramarket/kit';
import { ProductOption } from './product-option.entity';
import type { OptionSpec } from './option-rules';

/** A product's options in the given order, in one statement; `ids` keeps the id of an option that was only changed. Answers the rows written. */
export async function insertOptions(
  tx: Tx,
  product: { id: string; storeId: string },
  options: OptionSpec[],
  ids: (string | undefined)[] = [],
): Promise<ProductOption[]> {
  if (options.length === 0) return [];
  const rows = options.map((option, position) =>
    Object.assign(new ProductOption(), {
      id: ids[position] ?? randomUUID(),
      storeId: product.storeId,
      productId: product.id,
      name: option.name,
      position,
      values: option.values,
    }),
  );
  await tx.manager.getRepository(ProductOption).insert(rows);
  return rows;
}
