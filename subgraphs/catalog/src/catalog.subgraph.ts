import { buildFederatedSchema, isUuid, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Product } from './product/product.entity';
import { ProductResolver } from './product/product.resolver';
import { findVisibleProduct } from './product/product-queries';
import { Category } from './category/category.entity';
import { CategoryResolver } from './category/category.resolver';
import { ProductCategoriesResolver } from './category/product-categories.resolver';
import { findVisibleCategory } from './category/category-queries';
import { Collection } from './collection/collection.entity';
import { CollectionResolver } from './collection/collection.resolver';
import { ProductCollectionsResolver } from './collection/product-collections.resolver';
import { findVisibleCollection } from './collection/collection-queries';
import { collectionMembershipOnProductCreated, collectionMembershipOnProductUpdated } from './collection/collection-membership.handler';
import { CreateProduct1763769600100 } from './migrations/1763769600100-create-product';
import { IsolateByStore1763769605010 } from './migrations/1763769605010-isolate-by-store';
import { MoneyAsBigint1763769610100 } from './migrations/1763769610100-money-as-bigint';
import { CreateCategoryTree1763769623000 } from './migrations/1763769623000-create-category-tree';
import { CreateCollections1763769623100 } from './migrations/1763769623100-create-collections';

/** Catalog owns products (titles, prices, handles, status), the category tree and collections. */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4003,
  entities: [Product, Category, Collection],
  migrations: [
    CreateProduct1763769600100,
    IsolateByStore1763769605010,
    MoneyAsBigint1763769610100,
    CreateCategoryTree1763769623000,
    CreateCollections1763769623100,
  ],
  publishes: ['catalog'],
  // a suspended or closed store's products disappear from its storefront
  followsStoreStatus: true,
  // automated collections follow catalog's own product events (event-driven, never recomputed per read)
  consumers: [collectionMembershipOnProductCreated, collectionMembershipOnProductUpdated],
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductResolver, CategoryResolver, ProductCategoriesResolver, CollectionResolver, ProductCollectionsResolver],
      referenceResolvers: {
        Product: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleProduct(context, reference.id) },
        Category: {
          __resolveReference: (reference: { id: string }, context: SubgraphContext) =>
            isUuid(reference.id) ? findVisibleCategory(context, reference.id) : null,
        },
        Collection: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleCollection(context, reference.id) },
      },
    }),
};
