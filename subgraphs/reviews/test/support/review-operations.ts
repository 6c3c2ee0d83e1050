import { randomUUID } from 'node:crypto';
import { envelopeFor, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';

const REVIEW_FIELDS = 'id rating title body status rejectionReason verifiedPurchase authorId moderatedAt product { id }';
const PAYLOAD = `review { ${REVIEW_FIELDS} } userErrors { code field message }`;

export const CREATE_REVIEW = `mutation ($input: CreateProductReviewInput!) { createProductReview(input: $input) { ${PAYLOAD} } }`;
export const UPDATE_REVIEW = `mutation ($input: UpdateProductReviewInput!) { updateProductReview(input: $input) { ${PAYLOAD} } }`;
export const MODERATE_REVIEW = `mutation ($input: ModerateProductReviewInput!) { moderateProductReview(input: $input) { ${PAYLOAD} } }`;
export const DELETE_REVIEW = `mutation ($input: DeleteProductReviewInput!) { deleteProductReview(input: $input) { deletedReviewId userErrors { code field message } } }`;
export const STORE_REVIEWS = `query ($status: ProductReviewStatus) { productReviews(status: $status, first: 50) { totalCount nodes { ${REVIEW_FIELDS} } } }`;
export const MY_REVIEWS = `query { myProductReviews(first: 50) { totalCount nodes { ${REVIEW_FIELDS} } } }`;
/** Product.rating and Product.reviews as the gateway asks for them, through `_entities`. */
export const PRODUCT_REVIEWS = `query ($r: [_Any!]!, $status: ProductReviewStatus) { _entities(representations: $r) { ... on Product {
  id rating { average count } reviews(first: 50, status: $status) { totalCount nodes { id status rating verifiedPurchase authorId } } } } }`;

export const productRepresentations = (...ids: string[]) => ids.map((id) => ({ __typename: 'Product', id }));

export interface ReviewResult {
  id: string;
  rating: number;
  title: string;
  body: string;
  status: string;
  rejectionReason: string | null;
  verifiedPurchase: boolean;
  authorId: string | null;
  moderatedAt: string | null;
  product: { id: string };
}

export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message: string;
}

export type ReviewPayload = { review: ReviewResult | null; userErrors: UserErrorResult[] };

export interface ProductReviewsResult {
  id: string;
  rating: { average: number | null; count: number };
  reviews: { totalCount: number; nodes: Pick<ReviewResult, 'id' | 'status' | 'rating' | 'verifiedPurchase' | 'authorId'>[] };
}

/** orders.created and orders.status-changed as orders publishes them (schema/events.md), sent straight to JetStream in the suite's namespace. */
export function orderEvents(subgraph: () => TestSubgraph) {
  const publish = async (type: string, storeId: string, orderId: string, data: Record<string, unknown>, version: number): Promise<EventEnvelope> => {
    const { js, names } = subgraph().runtime;
    const event = envelopeFor({ type, storeId, aggregateId: orderId, aggregateVersion: version, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const party = (orderId: string, customerId: string | null) => ({ orderId, orderNumber: '#1001', customerId, email: 'shopper@example.com' });

  const created = (storeId: string, orderId: string, customerId: string | null, productIds: string[]) =>
    publish(
      'orders.created',
      storeId,
      orderId,
      {
        ...party(orderId, customerId),
        currencyCode: 'USD',
        lines: productIds.map((productId) => ({
          productId,
          variantId: productId,
          title: 'Kettle',
          sku: null,
          quantity: 1,
          unitPrice: { amount: 100, currencyCode: 'USD' },
        })),
      },
      1,
    );
  const statusChanged = (storeId: string, orderId: string, customerId: string | null, from: string, to: string, version: number) =>
    publish('orders.status-changed', storeId, orderId, { ...party(orderId, customerId), from, to, reason: null, reasonCode: null }, version);

  return { created, statusChanged };
}
