import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const REVIEW = 'id rating title body status verifiedPurchase authorId product { id }';
const CREATE = `mutation ($i: CreateProductReviewInput!) { createProductReview(input: $i) { review { ${REVIEW} } userErrors { code field } } }`;
const MODERATE = `mutation ($i: ModerateProductReviewInput!) { moderateProductReview(input: $i) { review { ${REVIEW} } userErrors { code field } } }`;
const PRODUCT = `query ($id: ID!) { product(id: $id) { title rating { average count } reviews(first: 10) { totalCount nodes { id rating verifiedPurchase } } } }`;
const MINE = `query { myProductReviews(first: 10) { nodes { ${REVIEW} } } }`;

interface Review {
  id: string;
  rating: number;
  title: string;
  body: string;
  status: string;
  verifiedPurchase: boolean;
  authorId: string | null;
  product: { id: string };
}
type Payload = { review: Review | null; userErrors: { code: string; field: string[] | null }[] };
type ProductAnswer = { product: { title: string; rating: { average: number | null; count: number }; reviews: { totalCount: number; nodes: Review[] } } };

/** Issue 16: a shopper who bought and received a product writes a verified review; one who did not, an unverified one. */
describe('product reviews through the gateway', () => {
  let stack: Stack;
  let store: Storefront;

  const client = (token: string | undefined) =>
    new GraphQLClient(stack.gatewayUrl, {
      headers: { 'x-store-id': store.storeId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      errorPolicy: 'all',
    });
  const data = async <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await client(token).rawRequest<T>(query, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data;
  };
  const create = async (token: string, input: Record<string, unknown>) =>
    (await data<{ createProductReview: Payload }>(token, CREATE, { i: input })).createProductReview;
  const moderate = async (input: Record<string, unknown>) =>
    (await data<{ moderateProductReview: Payload }>(store.merchantToken, MODERATE, { i: input })).moderateProductReview;
  const product = async (productId: string, token?: string) => (await data<ProductAnswer>(token, PRODUCT, { id: productId })).product;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'reviews' });
    store = new Storefront(stack);
  }, 180_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  it('marks the buyer’s review verified and another shopper’s not; moderation moves Product.rating; refusals write nothing', async () => {
    const productId = await store.product('Review kettle', 5, 3900);
    const buyer = store.customer();
    const order = await store.placeOrder(buyer.sdk, [{ productId, quantity: 1 }]);
    await eventually(
      async () =>
        (await buyer.sdk.ProcessPayment({ input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } }))
          .processPayment.payment,
      15_000,
      'the payment',
    );
    await store.orderUntil(order.id, (o) => o.status === 'CONFIRMED', 'the order to be confirmed');
    await store.merchant.DispatchOrder({ input: { orderId: order.id, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } });
    expect((await store.merchant.CompleteOrder({ input: { orderId: order.id } })).completeOrder.order?.status).toBe('COMPLETED');

    // reviews hears of the completion through orders' events: a review written at once is verified when (or once) it arrives
    const written = await create(buyer.token, { productId, rating: 5, title: '<b>Boils fast</b>', body: 'Great   kettle.<script>alert(1)</script>' });
    expect(written.userErrors).toEqual([]);
    expect(written.review).toMatchObject({ rating: 5, title: 'Boils fast', body: 'Great kettle.', status: 'PENDING', authorId: buyer.userId });
    expect(written.review!.product).toEqual({ id: productId });
    const verified = await eventually(
      async () => (await data<{ myProductReviews: { nodes: Review[] } }>(buyer.token, MINE)).myProductReviews.nodes.find((review) => review.verifiedPurchase),
      20_000,
      'the buyer’s review to be verified',
    );
    expect(verified.id).toBe(written.review!.id);

    const stranger = store.customer();
    const unverified = await create(stranger.token, { productId, rating: 2, title: 'Never bought it', body: 'Looks cheap.' });
    expect(unverified.review).toMatchObject({ verifiedPurchase: false, status: 'PENDING' });

    // nothing approved yet: shoppers see no reviews and no rating
    expect(await product(productId)).toMatchObject({ title: 'Review kettle', rating: { average: null, count: 0 }, reviews: { totalCount: 0 } });

    expect((await moderate({ id: written.review!.id, decision: 'APPROVE' })).review!.status).toBe('APPROVED');
    expect((await moderate({ id: unverified.review!.id, decision: 'APPROVE' })).review!.status).toBe('APPROVED');
    const rated = await product(productId, stranger.token);
    expect(rated.rating).toEqual({ average: 3.5, count: 2 });
    expect(rated.reviews.nodes.map((review) => [review.rating, review.verifiedPurchase])).toEqual(
      expect.arrayContaining([
        [5, true],
        [2, false],
      ]),
    );
    const rejected = await moderate({ id: unverified.review!.id, decision: 'REJECT', reason: 'Not about the product' });
    expect(rejected.review!.status).toBe('REJECTED');
    expect((await product(productId)).rating).toEqual({ average: 5, count: 1 });

    // refusals: a second review of the same product, empty text, a bad rating, a shopper moderating; none writes anything
    const before = { product: await product(productId, store.merchantToken), mine: await data(stranger.token, MINE) };
    expect((await create(buyer.token, { productId, rating: 1, title: 'Again', body: 'Again.' })).userErrors).toEqual([
      { code: 'REVIEW_ALREADY_EXISTS', field: ['input', 'productId'] },
    ]);
    expect((await create(store.customer().token, { productId, rating: 3, title: '<i></i>', body: 'ok' })).userErrors).toEqual([
      { code: 'INVALID_REVIEW_TEXT', field: ['input', 'title'] },
    ]);
    const badRating = await client(stranger.token).rawRequest(CREATE, { i: { productId, rating: 0, title: 'Zero', body: 'Zero.' } });
    expect(badRating.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const byShopper = await client(stranger.token).rawRequest(MODERATE, { i: { id: unverified.review!.id, decision: 'APPROVE' } });
    expect(byShopper.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect({ product: await product(productId, store.merchantToken), mine: await data(stranger.token, MINE) }).toEqual(before);
  });
});
