import { Field, Int, ObjectType } from 'type-graphql';
import type { ProductTotals } from './inventory-queries';

/** A product's stock summed over its tracked variants at the store's active locations. */
@ObjectType({ description: 'A product’s stock, summed over its variants that track inventory, at the store’s active locations.' })
export class ProductInventory {
  @Field(() => Int, { description: 'Units physically in stock.' })
  onHand: number;

  @Field(() => Int, { description: 'Units held for orders not yet paid or shipped.' })
  reserved: number;

  @Field(() => Int, { description: 'Units that can be sold now: onHand − reserved.' })
  available: number;

  @Field(() => Int, { description: 'Units on their way.' })
  incoming: number;

  @Field(() => Int, {
    description:
      'The sum of the items’ own low-stock thresholds (for a product stocked at one place, that item’s threshold); set per item with setLowStockThreshold.',
  })
  lowStockThreshold: number;

  static of(totals: ProductTotals): ProductInventory {
    return Object.assign(new ProductInventory(), {
      onHand: totals.onHand,
      reserved: totals.reserved,
      available: totals.onHand - totals.reserved,
      incoming: totals.incoming,
      lowStockThreshold: totals.lowStockThreshold,
    });
  }
}
