import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { managesStore, type SubgraphContext } from '@ultramarket/kit';
import { ProductStock } from './product-stock.type';
import { ProductInventory } from './product-inventory.type';
import { loadProductTotals } from './inventory-queries';

@Resolver(() => ProductStock)
export class ProductStockResolver {
  @FieldResolver(() => Int, {
    description: 'Units that can be sold now, over its variants that track inventory, at active locations (0 when no stock is kept).',
  })
  async stock(@Root() product: ProductStock, @Ctx() context: SubgraphContext): Promise<number> {
    const totals = await loadProductTotals(context, product.id);
    return totals ? totals.onHand - totals.reserved : 0;
  }

  @FieldResolver(() => Boolean, { description: 'Whether at least one unit can be sold now (or a variant that does not track inventory is listed).' })
  async inStock(@Root() product: ProductStock, @Ctx() context: SubgraphContext): Promise<boolean> {
    const totals = await loadProductTotals(context, product.id);
    return Boolean(totals && (totals.alwaysAvailable || totals.onHand - totals.reserved > 0));
  }

  @FieldResolver(() => ProductInventory, {
    nullable: true,
    description: "Stock details summed over its variants and locations; only for the product's store staff.",
  })
  async inventory(@Root() product: ProductStock, @Ctx() context: SubgraphContext): Promise<ProductInventory | null> {
    const storeId = context.caller.storeId;
    if (!storeId || !managesStore(context.caller, storeId)) return null;
    const totals = await loadProductTotals(context, product.id);
    return totals && totals.items > 0 ? ProductInventory.of(totals) : null;
  }

  /** Served by the gateway from `inventory.stock-changed`; declared here because inventory owns stock. */
  @Subscription(() => ProductStock, {
    description: "Pushes the product each time its stock changes (any variant, any location). Ask for any of the product's fields, from any subgraph.",
    subscribe: () => {
      throw new Error('stockChanged is served by the gateway');
    },
  })
  stockChanged(@Arg('productId', () => ID, { description: 'The product to follow.' }) _productId: string): ProductStock {
    throw new Error('stockChanged is served by the gateway');
  }
}
