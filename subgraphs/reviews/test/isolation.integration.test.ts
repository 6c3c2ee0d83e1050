import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inScope, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { reviewsSubgraph } from '../src/reviews.subgraph';
import {
  CREATE_REVIEW,
  DELETE_REVIEW,
  MODERATE_REVIEW,
  MY_REVIEWS,
  orderEvents,
  PRODUCT_REVIEWS,
  productRepresentations,
  STORE_REVIEWS,
  UPDATE_REVIEW,
  type ProductReviewsResult,
  type ReviewPayload,
} from './support/review-operations';

const TABLES = ['product_review', 'product_rating', 'order_purchase', 'verified_purchase'];

interface StoreData {
  storeId: string;
  merchant: string;
  shopperId: string;
  shopper: string;
  productId: string;
  reviewId: string;
}

describe('reviews subgraph: tenant isolation', () => {
  let reviews: TestSubgraph;
  let owner: DataSource;
  const orders = orderEvents(() => reviews);
  const stores: Record<'a' | 'b', StoreData> = {} as never;

  const raw = <T>(token: string | undefined, storeId: string, query: string, variables: Record<string, unknown> = {}) =>
    reviews.client(token, { 'x-store-id': storeId }).rawRequest<T>(query, variables);
  const data = async <T>(token: string | undefined, storeId: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await raw<T>(token, storeId, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  /** Every row of a store in every table and the whole outbox, read as the owner. */
  const snapshot = async (storeId: string) => {
    const rows: Record<string, unknown[]> = {};
    for (const table of TABLES) rows[table] = await owner.query(`SELECT * FROM ${table} WHERE store_id = $1 ORDER BY 1, 2, 3`, [storeId]);
    rows.outbox = await owner.query(`SELECT id FROM outbox_event ORDER BY seq`);
    return rows;
  };

  /** A store with a product bought and reviewed (approved) by a shopper with a completed order. */
  async function seedStore(): Promise<StoreData> {
    const storeId = randomUUID();
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const shopperId = randomUUID();
    const shopper = tokenFor([Role.CUSTOMER], storeId, shopperId);
    const productId = randomUUID();
    const orderId = randomUUID();
    await orders.created(storeId, orderId, shopperId, [productId]);
    await orders.statusChanged(storeId, orderId, shopperId, 'FULFILLED', 'COMPLETED', 5);
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM verified_purchase WHERE customer_id = $1`, [shopperId])).length === 1,
      15_000,
      'the purchase',
    );
    const created = (
      await data<{ createProductReview: ReviewPayload }>(shopper, storeId, CREATE_REVIEW, { input: { productId, rating: 4, title: 'Good', body: 'Good.' } })
    ).createProductReview;
    const reviewId = created.review!.id;
    await data(merchant, storeId, MODERATE_REVIEW, { input: { id: reviewId, decision: 'APPROVE' } });
    return { storeId, merchant, shopperId, shopper, productId, reviewId };
  }

  beforeAll(async () => {
    reviews = await startTestSubgraph(reviewsSubgraph);
    owner = await openOwnerConnection(reviews.runtime.config);
    stores.a = await seedStore();
    stores.b = await seedStore();
  });

  afterAll(async () => {
    await owner?.destroy();
    await reviews?.close();
  });

  it('forces row-level security on every table', async () => {
    const rows: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[] = await owner.query(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) ORDER BY relname`,
      [TABLES],
    );
    expect(rows).toEqual([...TABLES].sort().map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })));
    // the application's connection in store A's scope sees none of B's rows
    const seen = await inScope(reviews.runtime.dataSource, stores.a.storeId, (manager) =>
      manager.query(`SELECT store_id FROM product_review UNION ALL SELECT store_id FROM verified_purchase`),
    );
    expect(new Set(seen.map((row: { store_id: string }) => row.store_id))).toEqual(new Set([stores.a.storeId]));
  });

  it('gives store A’s merchant and shoppers nothing of store B’s, and lets them change nothing', async () => {
    const { a, b } = stores;
    const before = await snapshot(b.storeId);

    // B's product asked for in A's store: no rating, no reviews
    for (const token of [a.merchant, a.shopper, undefined]) {
      const { _entities } = await data<{ _entities: ProductReviewsResult[] }>(token, a.storeId, PRODUCT_REVIEWS, { r: productRepresentations(b.productId) });
      expect(_entities[0]).toMatchObject({ rating: { average: null, count: 0 }, reviews: { totalCount: 0, nodes: [] } });
    }
    const queue = await data<{ productReviews: { nodes: { id: string }[] } }>(a.merchant, a.storeId, STORE_REVIEWS);
    expect(queue.productReviews.nodes.map((node) => node.id)).toEqual([a.reviewId]);
    // B's shopper, shopping in A, has no reviews there
    const mine = await data<{ myProductReviews: { totalCount: number } }>(tokenFor([Role.CUSTOMER], a.storeId, b.shopperId), a.storeId, MY_REVIEWS);
    expect(mine.myProductReviews.totalCount).toBe(0);

    // B's review by id, from A: not found for its moderation, edits and deletion
    const moderate = await data<{ moderateProductReview: ReviewPayload }>(a.merchant, a.storeId, MODERATE_REVIEW, {
      input: { id: b.reviewId, decision: 'REJECT', reason: 'Taken over' },
    });
    expect(moderate.moderateProductReview.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const bShopperInA = tokenFor([Role.CUSTOMER], a.storeId, b.shopperId);
    const update = await data<{ updateProductReview: ReviewPayload }>(bShopperInA, a.storeId, UPDATE_REVIEW, { input: { id: b.reviewId, rating: 1 } });
    expect(update.updateProductReview.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const remove = await data<{ deleteProductReview: { userErrors: { code: string }[] } }>(bShopperInA, a.storeId, DELETE_REVIEW, {
      input: { id: b.reviewId },
    });
    expect(remove.deleteProductReview.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    // B's shopper bought B's product in B: their review of it in A is not a verified purchase
    const inA = await data<{ createProductReview: ReviewPayload }>(bShopperInA, a.storeId, CREATE_REVIEW, {
      input: { productId: b.productId, rating: 1, title: 'Elsewhere', body: 'Bought elsewhere.' },
    });
    expect(inA.createProductReview.review).toMatchObject({ verifiedPurchase: false });

    const after = await snapshot(b.storeId);
    // the one review written above is A's (its outbox event too); nothing of B's changed
    expect({ ...after, outbox: undefined }).toEqual({ ...before, outbox: undefined });
  });
});
