import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { managesStore, type SubgraphContext } from '@ultramarket/kit';
import { Location } from '../location/location.entity';
import { loadLocation } from '../location/location-loader';
import { InventoryLevel } from './inventory-level.type';
import { loadVariantStock } from './inventory-queries';
import { VariantStock } from './variant-stock.type';

@Resolver(() => VariantStock)
export class VariantStockResolver {
  @FieldResolver(() => Int, {
    description:
      'Units that can be sold now, over the store’s active locations (0 for a variant the store no longer lists; a variant that does not track inventory shows the units counted, if any, and is always in stock).',
  })
  async available(@Root() variant: VariantStock, @Ctx() context: SubgraphContext): Promise<number> {
    const state = await loadVariantStock(context, variant.id);
    if (!state.listed) return 0;
    return state.items.filter(({ active }) => active).reduce((sum, { item }) => sum + item.available, 0);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it can be ordered now: units available, or it does not track inventory.' })
  async inStock(@Root() variant: VariantStock, @Ctx() context: SubgraphContext): Promise<boolean> {
    const state = await loadVariantStock(context, variant.id);
    if (!state.known || !state.listed) return false;
    if (!state.tracked) return true;
    return state.items.some(({ item, active }) => active && item.available > 0);
  }

  @FieldResolver(() => [InventoryLevel], { nullable: true, description: 'Its stock at each location, by priority; only for the store’s staff.' })
  async inventoryLevels(@Root() variant: VariantStock, @Ctx() context: SubgraphContext): Promise<InventoryLevel[] | null> {
    const storeId = context.caller.storeId;
    if (!storeId || !managesStore(context.caller, storeId)) return null;
    const state = await loadVariantStock(context, variant.id);
    return state.known ? state.items.map(({ item }) => InventoryLevel.of(item)) : null;
  }
}

@Resolver(() => InventoryLevel)
export class InventoryLevelResolver {
  @FieldResolver(() => Location, { nullable: true, description: 'The location.' })
  location(@Root() level: InventoryLevel, @Ctx() context: SubgraphContext): Promise<Location | null> {
    return loadLocation(context, level.locationId);
  }
}
