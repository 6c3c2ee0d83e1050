/** Compiled by consumer.test.ts without any directive: the package's types must reject it. */
import type { ProductByIdQuery } from '@ultramarket/client';

export function stockOf(data: ProductByIdQuery): string {
  return data.product!.stock;
}
