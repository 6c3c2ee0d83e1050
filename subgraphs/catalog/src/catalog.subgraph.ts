import { AppScope, buildFederatedSchema, isUuid, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Product } from './product/product.entity';
import { ProductResolver } from './product/product.resolver';
import { findVisibleProduct } from './product/product-queries';
import { ProductOption } from './option/product-option.entity';
import { ProductOptionResolver } from './option/product-option.resolver';
import { ProductVariant } from './variant/product-variant.entity';
import { ProductVariantResolver } from './variant/product-variant.resolver';
import { findVisibleVariant } from './variant/variant-queries';
import { ProductMedia } from './media/product-media.entity';
import { MediaServices } from './media/media-services';
import { loadMediaConfig } from './media/media.config';
import { mediaResolvers } from './media/media.resolver';
import { abandonedUploadsJob } from './media/abandoned-uploads.job';
import { MEDIA_OBJECT_ROUTE, MEDIA_UPLOAD_ROUTE, mediaObjectRoute, mediaUploadRoute } from './media/media-http.routes';
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
import { ProductVariants1763769620100 } from './migrations/1763769620100-product-variants';
import { CreateCategoryTree1763769623000 } from './migrations/1763769623000-create-category-tree';
import { CreateCollections1763769623100 } from './migrations/1763769623100-create-collections';
import { CreateProductMedia1763769624000 } from './migrations/1763769624000-create-product-media';
import { CreateProductSearch1763769625000 } from './migrations/1763769625000-create-product-search';
import { ProductSearchResolver } from './search/product-search.resolver';
import { ProductSearchFacetValueResolver } from './search/product-search-facet.resolver';
import { searchDocumentHandlers } from './search/search-document.handlers';
import { CreateBulkOperation1763769626000 } from './migrations/1763769626000-create-bulk-operation';
import { BulkOperation } from './bulk/bulk-operation.entity';
import { BulkOperationResolver } from './bulk/bulk.resolver';
import { bulkWorkerJob } from './bulk/bulk-worker';
import { loadBulkConfig } from './bulk/bulk.config';
import { VariantMediaLink1763769627100 } from './migrations/1763769627100-variant-media-link';
import { ProductTaxClass1763769627200 } from './migrations/1763769627200-product-tax-class';

/**
 * Catalog owns products, their options, variants and media (titles, prices, SKUs, handles, status),
 * the category tree, collections, search, and product CSV import/export jobs.
 * The media storage comes from the environment the subgraph starts with (CATALOG_MEDIA_*: media/media.config.ts).
 */
export function createCatalogSubgraph(media: MediaServices = new MediaServices()): SubgraphDefinition {
  return {
    name: 'catalog',
    defaultPort: 4003,
    entities: [Product, ProductOption, ProductVariant, ProductMedia, Category, Collection, BulkOperation],
    migrations: [
      CreateProduct1763769600100,
      IsolateByStore1763769605010,
      MoneyAsBigint1763769610100,
      ProductVariants1763769620100,
      CreateCategoryTree1763769623000,
      CreateCollections1763769623100,
      CreateProductMedia1763769624000,
      CreateProductSearch1763769625000,
      CreateBulkOperation1763769626000,
      VariantMediaLink1763769627100,
      ProductTaxClass1763769627200,
    ],
    publishes: ['catalog'],
    // a suspended or closed store's products disappear from its storefront
    followsStoreStatus: true,
    // automated collections follow catalog's own product events (event-driven, never recomputed per read);
    // search's read model: products, categories, collections, stock and store locales, all from events
    consumers: [collectionMembershipOnProductCreated, collectionMembershipOnProductUpdated, ...searchDocumentHandlers],
    // a missing CATALOG_MEDIA_SIGNING_SECRET in production fails the start here
    onStart: (runtime) => media.bind(loadMediaConfig(runtime.env, { isProduction: runtime.config.isProduction, keysDir: runtime.config.auth.keysDir })),
    // media items whose upload never came are deleted once their URL has expired
    // product CSV imports and exports run here, one job at a time per replica, each held by a lease (bulk/bulk-worker.ts)
    jobs: [abandonedUploadsJob(media), (runtime) => bulkWorkerJob(loadBulkConfig(runtime.env))(runtime)],
    // the local adapter's upload and serving routes, reached through the gateway's /media
    httpRoutes: { [MEDIA_UPLOAD_ROUTE]: mediaUploadRoute(media), [MEDIA_OBJECT_ROUTE]: mediaObjectRoute(media) },
    // what an app's API key may use here (docs/apps-and-api-keys.md)
    appAccess: { read: AppScope.read_products, write: AppScope.write_products },
    schema: () =>
      buildFederatedSchema({
        resolvers: [
          ProductResolver,
          ProductVariantResolver,
          ProductOptionResolver,
          ...mediaResolvers(media),
          CategoryResolver,
          ProductCategoriesResolver,
          CollectionResolver,
          ProductCollectionsResolver,
          ProductSearchResolver,
          ProductSearchFacetValueResolver,
          BulkOperationResolver,
        ],
        referenceResolvers: {
          Product: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleProduct(context, reference.id) },
          ProductVariant: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleVariant(context, reference.id) },
          Category: {
            __resolveReference: (reference: { id: string }, context: SubgraphContext) =>
              isUuid(reference.id) ? findVisibleCategory(context, reference.id) : null,
          },
          Collection: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleCollection(context, reference.id) },
        },
      }),
  };
}

export const catalogSubgraph = createCatalogSubgraph();
