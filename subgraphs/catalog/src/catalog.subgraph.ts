import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Product } from './product/product.entity';
import { ProductResolver } from './product/product.resolver';
import { findVisibleProduct } from './product/product-queries';
import { CreateProduct1763769600100 } from './migrations/1763769600100-create-product';
import { IsolateByStore1763769605010 } from './migrations/1763769605010-isolate-by-store';
import { MoneyAsBigint1763769610100 } from './migrations/1763769610100-money-as-bigint';
import { CreateProductSearch1763769625000 } from './migrations/1763769625000-create-product-search';
import { ProductSearchResolver } from './search/product-search.resolver';
import { searchDocumentHandlers } from './search/search-document.handlers';

/** Catalog owns products (titles, prices, handles, status) and their search. */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4003,
  entities: [Product],
  migrations: [CreateProduct1763769600100, IsolateByStore1763769605010, MoneyAsBigint1763769610100, CreateProductSearch1763769625000],
  publishes: ['catalog'],
  // search's read model: products, categories, collections, stock and store locales, all from events
  consumers: searchDocumentHandlers,
  // a suspended or closed store's products disappear from its storefront
  followsStoreStatus: true,
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductResolver, ProductSearchResolver],
      referenceResolvers: {
        Product: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleProduct(context, reference.id) },
      },
    }),
};
