import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { managesStore, Role, type SubgraphContext } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { ProductStock } from './product-stock.type';
import { loadInventory } from './inventory-queries';
import { AdjustStockInput, AdjustStockPayload } from './adjust-stock.inputs';
import { adjustStock } from './adjust-stock';

@Resolver(() => ProductStock)
export class ProductStockResolver {
  @FieldResolver(() => Int, { description: 'Units that can be sold now (0 when no stock is kept).' })
  async stock(@Root() product: ProductStock, @Ctx() context: SubgraphContext): Promise<number> {
    return (await loadInventory(context, product.id))?.available ?? 0;
  }

  @FieldResolver(() => Boolean, { description: 'Whether at least one unit can be sold now.' })
  async inStock(@Root() product: ProductStock, @Ctx() context: SubgraphContext): Promise<boolean> {
    return ((await loadInventory(context, product.id))?.available ?? 0) > 0;
  }

  @FieldResolver(() => InventoryItem, { nullable: true, description: "Stock details; only for the product's store staff." })
  async inventory(@Root() product: ProductStock, @Ctx() context: SubgraphContext): Promise<InventoryItem | null> {
    const item = await loadInventory(context, product.id);
    return item && managesStore(context.caller, item.storeId) ? item : null;
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => AdjustStockPayload, {
    description:
      'Adds or removes on-hand stock; never takes available stock below zero. Publishes inventory.stock-changed (and inventory.low-stock when it falls to the threshold).',
  })
  adjustStock(@Arg('input', { description: 'The change.' }) input: AdjustStockInput, @Ctx() context: SubgraphContext): Promise<AdjustStockPayload> {
    return adjustStock(context, input);
  }

  /** Served by the gateway from `inventory.stock-changed`; declared here because inventory owns stock. */
  @Subscription(() => ProductStock, {
    description: "Pushes the product each time its stock changes. Ask for any of the product's fields, from any subgraph.",
    subscribe: () => {
      throw new Error('stockChanged is served by the gateway');
    },
  })
  stockChanged(@Arg('productId', () => ID, { description: 'The product to follow.' }) _productId: string): ProductStock {
    throw new Error('stockChanged is served by the gateway');
  }
}
