import { buildSchema, getOperationAST, parse, type FieldNode } from 'graphql';
import type { EventEnvelope } from '@ultramarket/kit';
import { coveredByEvent } from './event-entity';
import { fragmentsOf, reshapeForSubscriber } from './entity-query';
import { orderStatusChanged } from './order-status-changed.subscription';

const schema = buildSchema(`
  type Query { order(id: ID!): Order }
  type Subscription { orderStatusChanged(orderId: ID!): Order! }
  type Money { amount: Int! currencyCode: String! }
  type Order { id: ID! storeId: ID! status: String! orderNumber: String! email: String! total: Money! lineItems(first: Int): [String!]! }
`);

const event = {
  id: 'e1',
  type: 'orders.status-changed',
  occurredAt: '2026-12-06T00:00:00.000Z',
  storeId: 'store-1',
  aggregateId: 'order-1',
  aggregateVersion: 3,
  causationId: null,
  correlationId: 'c',
  data: {
    orderId: 'order-1',
    orderNumber: '#1001',
    customerId: 'u1',
    email: 'a@example.com',
    from: 'PAYMENT_SUCCESS',
    to: 'CONFIRMED',
    total: { amount: 4200, currencyCode: 'USD' },
  },
} as EventEnvelope;

function answer(text: string): unknown {
  const document = parse(text);
  const root = getOperationAST(document)!.selectionSet.selections[0] as FieldNode;
  const fragments = fragmentsOf(document);
  const entity = orderStatusChanged.eventEntity!(event);
  if (!coveredByEvent(root.selectionSet!, fragments, entity)) return 'needs the supergraph';
  return reshapeForSubscriber(entity, root.selectionSet!, fragments, schema);
}

describe('answers from the event', () => {
  it('answers a selection the event covers, in the subscriber’s shape (aliases, fragments, nested values)', () => {
    expect(answer('subscription { orderStatusChanged(orderId: "order-1") { id status } }')).toEqual({ id: 'order-1', status: 'CONFIRMED' });
    expect(
      answer('subscription { orderStatusChanged(orderId: "order-1") { s: status ...F __typename } } fragment F on Order { n: orderNumber total { amount } }'),
    ).toEqual({ s: 'CONFIRMED', n: '#1001', total: { amount: 4200 }, __typename: 'Order' });
  });

  it('leaves to the supergraph any field the event does not carry, has arguments or directives, or a fragment on another type', () => {
    expect(answer('subscription { orderStatusChanged(orderId: "order-1") { id status email } }')).toBe('needs the supergraph');
    expect(answer('subscription { orderStatusChanged(orderId: "order-1") { id lineItems(first: 1) } }')).toBe('needs the supergraph');
    expect(answer('subscription ($x: Boolean!) { orderStatusChanged(orderId: "order-1") { id status @include(if: $x) } }')).toBe('needs the supergraph');
    expect(answer('subscription { orderStatusChanged(orderId: "order-1") { ... on Money { amount } } }')).toBe('needs the supergraph');
  });

  it('leaves to the supergraph what an older event does not carry', () => {
    const older = { ...event, data: { to: 'CONFIRMED' } };
    const entity = orderStatusChanged.eventEntity!(older);
    expect(entity).toEqual({ __typename: 'Order', id: 'order-1', storeId: 'store-1', status: 'CONFIRMED' });
    const document = parse('subscription { orderStatusChanged(orderId: "order-1") { id orderNumber } }');
    const root = getOperationAST(document)!.selectionSet.selections[0] as FieldNode;
    expect(coveredByEvent(root.selectionSet!, fragmentsOf(document), entity)).toBe(false);
  });
});
