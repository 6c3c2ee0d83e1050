import { Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, Role, type SubgraphContext, PageArgs } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { ProductStock } from './product-stock.type';
import { listInventory } from './inventory-list';
import { VariantStock } from './variant-stock.type';
import { Location } from '../location/location.entity';
import { loadLocation } from '../location/location-loader';

export const InventoryItemConnection = connectionTypes(InventoryItem, 'InventoryItem');

@InputType({ description: 'Narrows an inventory list.' })
class InventoryFilter {
  @Field({ nullable: true, description: 'Only items whose available stock is at or below their threshold.' })
  lowStock?: boolean;
}

@ArgsType()
class InventoryArgs extends PageArgs {
  @Field(() => InventoryFilter, { nullable: true, description: 'Conditions every item must meet.' })
  filter?: InventoryFilter;
}

@Resolver(() => InventoryItem)
export class InventoryItemResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => InventoryItemConnection, { description: 'The caller’s store’s stock, item by item (store staff).' })
  inventory(@Args() args: InventoryArgs, @Ctx() context: SubgraphContext) {
    return listInventory(context, { first: args.first, after: args.after, lowStock: args.filter?.lowStock });
  }

  @FieldResolver(() => ProductStock, { description: 'The product this stock is of, with its catalog fields.' })
  product(@Root() item: InventoryItem): ProductStock {
    return ProductStock.of(item.productId);
  }

  @FieldResolver(() => VariantStock, { description: 'The variant this stock is of, with its catalog fields.' })
  variant(@Root() item: InventoryItem): VariantStock {
    return VariantStock.of(item.variantId);
  }

  @FieldResolver(() => Location, { nullable: true, description: 'Where the stock is kept.' })
  location(@Root() item: InventoryItem, @Ctx() context: SubgraphContext): Promise<Location | null> {
    return loadLocation(context, item.locationId);
  }
}
