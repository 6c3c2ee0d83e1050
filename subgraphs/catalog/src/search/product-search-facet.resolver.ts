import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { Category } from '../category/category.entity';
import { findVisibleCategory } from '../category/category-queries';
import { Collection } from '../collection/collection.entity';
import { findVisibleCollection } from '../collection/collection-queries';
import { ProductSearchFacetValue } from './product-search.types';

/**
 * What a storefront shows for a category or collection facet value (its name or title, its handle), through
 * the per-request loaders: every facet value of a request is one batched, store-scoped read per kind.
 */
@Resolver(() => ProductSearchFacetValue)
export class ProductSearchFacetValueResolver {
  @FieldResolver(() => Category, {
    nullable: true,
    description: "On the categories facet's values: the category, for its name and handle. Null on other facets, and for a category gone since.",
  })
  category(@Root() value: ProductSearchFacetValue, @Ctx() context: SubgraphContext): Promise<Category | null> {
    return value.categoryId ? findVisibleCategory(context, value.categoryId) : Promise.resolve(null);
  }

  @FieldResolver(() => Collection, {
    nullable: true,
    description:
      "On the collections facet's values: the collection, for its title and handle. Null on other facets, for a collection gone since, and for shoppers when it is not published.",
  })
  collection(@Root() value: ProductSearchFacetValue, @Ctx() context: SubgraphContext): Promise<Collection | null> {
    return value.collectionId ? findVisibleCollection(context, value.collectionId) : Promise.resolve(null);
  }
}
