import { randomUUID } from 'node:crypto';
import type { Tx } from '@ultramarket/kit';
import { ProductOption } from './product-option.entity';
import type { OptionSpec } from './option-rules';

/** A product's options in the given order; `ids` keeps the id of an option that was only changed. */
export async function insertOptions(tx: Tx, product: { id: string; storeId: string }, options: OptionSpec[], ids: (string | undefined)[] = []): Promise<void> {
  if (options.length === 0) return;
  await tx.manager.getRepository(ProductOption).insert(
    options.map((option, position) =>
      Object.assign(new ProductOption(), {
        id: ids[position] ?? randomUUID(),
        storeId: product.storeId,
        productId: product.id,
        name: option.name,
        position,
        values: option.values,
      }),
    ),
  );
}
