import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
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
  type ReviewResult,
} from './support/review-operations';

describe('reviews subgraph', () => {
  let reviews: TestSubgraph;
  let owner: DataSource;
  const orders = orderEvents(() => reviews);
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);

  const ask = <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}) =>
    reviews.client(token, { 'x-store-id': storeId }).rawRequest<T>(query, variables);
  const data = async <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}) => {
    const result = await ask<T>(token, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const mutate = async (token: string, query: string, name: string, input: Record<string, unknown>): Promise<ReviewPayload> =>
    (await data<Record<string, ReviewPayload>>(token, query, { input }))[name];
  const create = (token: string, input: Record<string, unknown>) => mutate(token, CREATE_REVIEW, 'createProductReview', input);
  const moderate = (token: string, input: Record<string, unknown>) => mutate(token, MODERATE_REVIEW, 'moderateProductReview', input);
  const product = async (token: string | undefined, productId: string, status?: string) =>
    (await data<{ _entities: ProductReviewsResult[] }>(token, PRODUCT_REVIEWS, { r: productRepresentations(productId), status }))._entities[0];
  /** Every row of the store's reviews and ratings, and the whole outbox, read as the owner. */
  const snapshot = async () => ({
    reviews: await owner.query(`SELECT * FROM product_review WHERE store_id = $1 ORDER BY id`, [storeId]),
    ratings: await owner.query(`SELECT * FROM product_rating WHERE store_id = $1 ORDER BY product_id`, [storeId]),
    outbox: await owner.query(`SELECT id FROM outbox_event ORDER BY seq`),
  });
  const outboxTypes = async (aggregateId: string): Promise<string[]> =>
    (await owner.query(`SELECT envelope->>'type' AS type FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [aggregateId])).map(
      (row: { type: string }) => row.type,
    );

  /** A shopper with a COMPLETED order containing the product, as reviews has heard it. */
  async function buyer(productId: string): Promise<{ userId: string; token: string }> {
    const userId = randomUUID();
    const orderId = randomUUID();
    await orders.created(storeId, orderId, userId, [productId]);
    await orders.statusChanged(storeId, orderId, userId, 'FULFILLED', 'COMPLETED', 5);
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM verified_purchase WHERE customer_id = $1 AND product_id = $2`, [userId, productId])).length === 1,
      15_000,
      'the purchase to be recorded',
    );
    return { userId, token: tokenFor([Role.CUSTOMER], storeId, userId) };
  }

  beforeAll(async () => {
    reviews = await startTestSubgraph(reviewsSubgraph);
    owner = await openOwnerConnection(reviews.runtime.config);
  });

  afterAll(async () => {
    await owner?.destroy();
    await reviews?.close();
  });

  it('marks the review of a buyer with a completed order verified, and another shopper’s not', async () => {
    const productId = randomUUID();
    const verified = await buyer(productId);
    const created = await create(verified.token, {
      productId,
      rating: 5,
      title: '  <b>Boils fast</b> ',
      body: '<p>Great   kettle.</p><script>alert(1)</script>',
    });
    expect(created.userErrors).toEqual([]);
    expect(created.review).toMatchObject({
      rating: 5,
      title: 'Boils fast',
      body: 'Great kettle.',
      status: 'PENDING',
      verifiedPurchase: true,
      authorId: verified.userId,
    });
    expect(created.review!.product).toEqual({ id: productId });

    const stranger = tokenFor([Role.CUSTOMER], storeId);
    const unverified = await create(stranger, { productId, rating: 2, title: 'Meh', body: 'It is fine.' });
    expect(unverified.review).toMatchObject({ verifiedPurchase: false, status: 'PENDING' });
    expect(await outboxTypes(created.review!.id)).toEqual(['reviews.review-submitted']);
  });

  it('marks a review verified once the order containing the product completes later', async () => {
    const productId = randomUUID();
    const userId = randomUUID();
    const token = tokenFor([Role.CUSTOMER], storeId, userId);
    const orderId = randomUUID();
    await orders.created(storeId, orderId, userId, [productId, randomUUID()]);
    const { review } = await create(token, { productId, rating: 4, title: 'Good', body: 'Waiting for it to arrive.' });
    expect(review!.verifiedPurchase).toBe(false);
    // a status short of COMPLETED changes nothing
    await orders.statusChanged(storeId, orderId, userId, 'CONFIRMED', 'FULFILLED', 4);
    await orders.statusChanged(storeId, orderId, userId, 'FULFILLED', 'COMPLETED', 5);
    const mine = await eventually(
      async () => {
        const { myProductReviews } = await data<{ myProductReviews: { nodes: ReviewResult[] } }>(token, MY_REVIEWS);
        return myProductReviews.nodes[0]?.verifiedPurchase && myProductReviews;
      },
      15_000,
      'the review to become verified',
    );
    expect(mine.nodes.map((node) => node.id)).toEqual([review!.id]);
  });

  it('records a purchase whose completion is heard before its order', async () => {
    const productId = randomUUID();
    const userId = randomUUID();
    const orderId = randomUUID();
    await orders.statusChanged(storeId, orderId, userId, 'FULFILLED', 'COMPLETED', 5);
    await orders.created(storeId, orderId, userId, [productId]);
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM verified_purchase WHERE customer_id = $1 AND product_id = $2`, [userId, productId])).length === 1,
      15_000,
      'the purchase to be recorded',
    );
    const { review } = await create(tokenFor([Role.CUSTOMER], storeId, userId), { productId, rating: 3, title: 'Ok', body: 'Ok.' });
    expect(review!.verifiedPurchase).toBe(true);
  });

  it('moves Product.rating with moderation, edits and deletion; shoppers see approved reviews only', async () => {
    const productId = randomUUID();
    const first = await buyer(productId);
    const second = tokenFor([Role.CUSTOMER], storeId);
    const a = (await create(first.token, { productId, rating: 5, title: 'Love it', body: 'Five stars.' })).review!;
    const b = (await create(second, { productId, rating: 2, title: 'Not great', body: 'Two stars.' })).review!;
    expect((await product(undefined, productId)).rating).toEqual({ average: null, count: 0 });

    expect((await moderate(merchant, { id: a.id, decision: 'APPROVE' })).review).toMatchObject({ status: 'APPROVED', rejectionReason: null });
    expect((await moderate(merchant, { id: b.id, decision: 'APPROVE' })).review!.status).toBe('APPROVED');
    const approved = await product(undefined, productId);
    expect(approved.rating).toEqual({ average: 3.5, count: 2 });
    expect(approved.reviews.totalCount).toBe(2);
    // only staff and the author see who wrote it
    expect(approved.reviews.nodes.map((node) => node.authorId)).toEqual([null, null]);
    expect(await outboxTypes(productId)).toEqual(['reviews.rating-changed', 'reviews.rating-changed']);

    const rejected = await moderate(merchant, { id: b.id, decision: 'REJECT', reason: 'Off-topic' });
    expect(rejected.review).toMatchObject({ status: 'REJECTED', rejectionReason: 'Off-topic' });
    expect((await product(undefined, productId)).rating).toEqual({ average: 5, count: 1 });

    // an edit returns the review to PENDING: it leaves the rating until approved again
    const edited = await mutate(first.token, UPDATE_REVIEW, 'updateProductReview', { id: a.id, rating: 4, body: 'Four stars after a month.' });
    expect(edited.review).toMatchObject({ status: 'PENDING', rating: 4, title: 'Love it', body: 'Four stars after a month.', verifiedPurchase: true });
    const pending = await product(undefined, productId);
    expect(pending).toMatchObject({ rating: { average: null, count: 0 }, reviews: { totalCount: 0 } });
    // staff see every status and filter by one
    expect((await product(merchant, productId)).reviews.totalCount).toBe(2);
    expect((await product(merchant, productId, 'PENDING')).reviews.nodes.map((node) => node.id)).toEqual([a.id]);
    const refused = await ask(second, PRODUCT_REVIEWS, { r: productRepresentations(productId), status: 'PENDING' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await moderate(merchant, { id: a.id, decision: 'APPROVE' });
    expect((await product(undefined, productId)).rating).toEqual({ average: 4, count: 1 });
    const deleted = (await data<{ deleteProductReview: { deletedReviewId: string } }>(first.token, DELETE_REVIEW, { input: { id: a.id } })).deleteProductReview;
    expect(deleted.deletedReviewId).toBe(a.id);
    expect((await product(undefined, productId)).rating).toEqual({ average: null, count: 0 });
    expect(await outboxTypes(a.id)).toEqual([
      'reviews.review-submitted',
      'reviews.review-moderated',
      'reviews.review-edited',
      'reviews.review-moderated',
      'reviews.review-deleted',
    ]);
  });

  it('answers Product.rating for several products in one request (one batched read), each its own', async () => {
    const [p1, p2] = [randomUUID(), randomUUID()];
    const shopper = tokenFor([Role.CUSTOMER], storeId);
    const r1 = (await create(shopper, { productId: p1, rating: 1, title: 'Bad', body: 'Broke.' })).review!;
    await moderate(merchant, { id: r1.id, decision: 'APPROVE' });
    const { _entities } = await data<{ _entities: { id: string; rating: { count: number } }[] }>(
      undefined,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id rating { count } } } }`,
      { r: productRepresentations(p1, p2) },
    );
    expect(_entities).toEqual([
      { id: p1, rating: { count: 1 } },
      { id: p2, rating: { count: 0 } },
    ]);
  });

  it('refuses bad input and repeated reviews, writing nothing', async () => {
    const productId = randomUUID();
    const shopper = tokenFor([Role.CUSTOMER], storeId);
    const { review } = await create(shopper, { productId, rating: 4, title: 'Nice', body: 'Nice.' });
    const before = await snapshot();

    const again = await create(shopper, { productId, rating: 1, title: 'Again', body: 'Again.' });
    expect(again).toEqual({ review: null, userErrors: [expect.objectContaining({ code: 'REVIEW_ALREADY_EXISTS', field: ['input', 'productId'] })] });
    const empty = await create(tokenFor([Role.CUSTOMER], storeId), { productId, rating: 4, title: '<b></b>', body: '<script>x</script>' });
    expect(empty.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_REVIEW_TEXT', ['input', 'title']],
      ['INVALID_REVIEW_TEXT', ['input', 'body']],
    ]);
    const long = await create(tokenFor([Role.CUSTOMER], storeId), { productId, rating: 4, title: 'x'.repeat(121), body: 'ok' });
    expect(long.userErrors.map((error) => error.code)).toEqual(['INVALID_REVIEW_TEXT']);
    const stars = await ask(shopper, CREATE_REVIEW, { input: { productId: randomUUID(), rating: 6, title: 'Six', body: 'Six.' } });
    expect(stars.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await create(shopper, { productId: 'not-an-id', rating: 3, title: 'A', body: 'B' })).userErrors[0].code).toBe('NOT_FOUND');
    const noReason = await moderate(merchant, { id: review!.id, decision: 'REJECT', reason: '  ' });
    expect(noReason.userErrors.map((error) => error.code)).toEqual(['REJECTION_REASON_REQUIRED']);
    const nothing = await mutate(shopper, UPDATE_REVIEW, 'updateProductReview', { id: review!.id });
    expect(nothing.userErrors.map((error) => error.code)).toEqual(['NOTHING_TO_CHANGE']);
    // another shopper cannot edit or delete it; a shopper cannot moderate; staff cannot write reviews
    const other = tokenFor([Role.CUSTOMER], storeId);
    expect((await mutate(other, UPDATE_REVIEW, 'updateProductReview', { id: review!.id, rating: 1 })).userErrors[0].code).toBe('NOT_FOUND');
    const otherDelete = await data<{ deleteProductReview: { userErrors: { code: string }[] } }>(other, DELETE_REVIEW, { input: { id: review!.id } });
    expect(otherDelete.deleteProductReview.userErrors[0].code).toBe('NOT_FOUND');
    expect((await ask(shopper, MODERATE_REVIEW, { input: { id: review!.id, decision: 'APPROVE' } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ask(merchant, CREATE_REVIEW, { input: { productId, rating: 5, title: 'Mine', body: 'Mine.' } })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await ask(undefined, CREATE_REVIEW, { input: { productId, rating: 5, title: 'Anon', body: 'Anon.' } })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    expect(await snapshot()).toEqual(before);
  });

  it('lists the moderation queue for staff and a shopper’s own reviews', async () => {
    const shopper = tokenFor([Role.CUSTOMER], storeId);
    const { review } = await create(shopper, { productId: randomUUID(), rating: 5, title: 'Queue', body: 'In the queue.' });
    const { productReviews } = await data<{ productReviews: { nodes: ReviewResult[] } }>(merchant, STORE_REVIEWS, { status: 'PENDING' });
    expect(productReviews.nodes.map((node) => node.id)).toContain(review!.id);
    expect(productReviews.nodes.every((node) => node.status === 'PENDING' && node.authorId !== null)).toBe(true);
    const { myProductReviews } = await data<{ myProductReviews: { nodes: ReviewResult[] } }>(shopper, MY_REVIEWS);
    expect(myProductReviews.nodes.map((node) => node.id)).toEqual([review!.id]);
    expect((await ask(shopper, STORE_REVIEWS)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
