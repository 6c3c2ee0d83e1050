import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Product } from './product/product.entity';
import { ProductResolver } from './product/product.resolver';
import { findVisibleProduct } from './product/product-queries';
import { CreateProduct1763769600100 } from './migrations/1763769600100-create-product';
import { IsolateByStore1763769605010 } from './migrations/1763769605010-isolate-by-store';
import { MoneyAsBigint1763769610100 } from './migrations/1763769610100-money-as-bigint';

/** Catalog owns products: their titles, prices, handles and status. */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4003,
  entities: [Product],
  migrations: [CreateProduct1763769600100, IsolateByStore1763769605010, MoneyAsBigint1763769610100],
  publishes: ['catalog'],
  // a suspended or closed store's products disappear from its storefront
  followsStoreStatus: true,
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductResolver],
      referenceResolvers: {
        Product: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleProduct(context, reference.id) },
      },
    }),
};
