import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Product } from './product/product.entity';
import { ProductResolver } from './product/product.resolver';
import { findVisibleProduct } from './product/product-queries';
import { CreateProduct1763769600100 } from './migrations/1763769600100-create-product';

/** Catalog owns products: their titles, prices, handles and status. */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4003,
  entities: [Product],
  migrations: [CreateProduct1763769600100],
  publishes: ['catalog'],
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductResolver],
      referenceResolvers: {
        Product: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleProduct(context, reference.id) },
      },
    }),
};
