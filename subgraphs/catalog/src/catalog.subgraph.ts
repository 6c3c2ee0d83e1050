import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Product } from './product/product.entity';
import { ProductResolver } from './product/product.resolver';
import { findVisibleProduct } from './product/product-queries';
import { ProductOption } from './option/product-option.entity';
import { ProductOptionResolver } from './option/product-option.resolver';
import { ProductVariant } from './variant/product-variant.entity';
import { ProductVariantResolver } from './variant/product-variant.resolver';
import { findVisibleVariant } from './variant/variant-queries';
import { CreateProduct1763769600100 } from './migrations/1763769600100-create-product';
import { IsolateByStore1763769605010 } from './migrations/1763769605010-isolate-by-store';
import { MoneyAsBigint1763769610100 } from './migrations/1763769610100-money-as-bigint';
import { ProductVariants1763769620100 } from './migrations/1763769620100-product-variants';

/** Catalog owns products, their options and variants: titles, prices, SKUs, handles and status. */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4003,
  entities: [Product, ProductOption, ProductVariant],
  migrations: [CreateProduct1763769600100, IsolateByStore1763769605010, MoneyAsBigint1763769610100, ProductVariants1763769620100],
  publishes: ['catalog'],
  // a suspended or closed store's products disappear from its storefront
  followsStoreStatus: true,
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductResolver, ProductVariantResolver, ProductOptionResolver],
      referenceResolvers: {
        Product: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleProduct(context, reference.id) },
        ProductVariant: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleVariant(context, reference.id) },
      },
    }),
};
