import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { Collection } from './collection.entity';
import { collectionsOfProduct } from './collection-queries';
import { Product } from '../product/product.entity';

/** `Product.collections`: the collections a product is in. */
@Resolver(() => Product)
export class ProductCollectionsResolver {
  @FieldResolver(() => [Collection], { description: 'The collections it is in (published ones for shoppers), by title.' })
  collections(@Root() product: Product, @Ctx() context: SubgraphContext): Promise<Collection[]> {
    return collectionsOfProduct(context, product.id);
  }
}
