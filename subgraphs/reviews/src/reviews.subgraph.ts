import { AppScope, buildFederatedSchema, isUuid, type SubgraphDefinition } from '@ultramarket/kit';
import { ProductReview } from './review/product-review.entity';
import { ProductReviewResolver } from './review/review.resolver';
import { ProductReviews } from './rating/product.type';
import { ProductReviewsResolver } from './rating/product-reviews.resolver';
import { purchaseHandlers } from './purchase/purchase.handlers';
import { CreateReviews1763769652000 } from './migrations/1763769652000-create-reviews';

/**
 * Reviews owns shoppers' product reviews (rating, title, text; one per customer and product), their moderation by the
 * store's staff, and `Product.rating` / `Product.reviews` contributed to catalog's Product. A review is a verified
 * purchase when its author has a COMPLETED order containing the product, from its own read model of orders' events.
 */
export const reviewsSubgraph: SubgraphDefinition = {
  name: 'reviews',
  defaultPort: 4013,
  entities: [ProductReview],
  migrations: [CreateReviews1763769652000],
  publishes: ['reviews'],
  consumers: [...purchaseHandlers],
  // a closed storefront takes no reviews; the staff of a suspended or closed store moderate none
  followsStoreStatus: true,
  // what an app's API key may use here (docs/apps-and-api-keys.md)
  appAccess: {
    read: AppScope.read_reviews,
    write: AppScope.write_reviews,
    fields: { 'Query.myProductReviews': null, 'Mutation.createProductReview': null, 'Mutation.updateProductReview': null },
  },
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductReviewResolver, ProductReviewsResolver],
      referenceResolvers: {
        // every product has a rating and reviews; they read the caller's store's only, so another store's product has none here
        Product: { __resolveReference: (reference: { id: string }) => (isUuid(reference.id) ? ProductReviews.of(reference.id) : null) },
      },
    }),
};
