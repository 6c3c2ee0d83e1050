import { buildSchema, getOperationAST, parse, print, type FieldNode } from 'graphql';
import { entityQueryFor, fragmentsOf, reshapeForSubscriber } from './entity-query';
import { stockChanged } from './stock-changed.subscription';

const schema = buildSchema(`
  type Query { product(id: ID!): Product }
  type Subscription { stockChanged(productId: ID!): Product }
  type Variant { id: ID! sku: String }
  type Product { id: ID! title: String stock: Int variants(first: Int): [Variant!]! }
`);

const shared = (text: string) => {
  const document = parse(text);
  const operation = getOperationAST(document)!;
  const root = operation.selectionSet.selections[0] as FieldNode;
  return { document, root, query: entityQueryFor(document, operation, root, stockChanged) };
};

describe('entityQueryFor', () => {
  it('writes the same query however a subscriber aliases, orders or fragments its selection', () => {
    const plain = shared('subscription { stockChanged(productId: "p") { id stock title } }');
    const aliased = shared('subscription { s: stockChanged(productId: "p") { units: stock t: title id } }');
    expect(aliased.query.text).toBe(plain.query.text);
    // fragments are inlined: their names play no part
    const fragmentF = shared('subscription { stockChanged(productId: "p") { ...F } } fragment F on Product { title id stock }');
    const fragmentG = shared('subscription { x: stockChanged(productId: "p") { ...G } } fragment G on Product { stock i: id title }');
    expect(fragmentG.query.text).toBe(fragmentF.query.text);
    expect(print(plain.query.document)).toContain('entity: product(id: $__ultramarketEntityId)');
  });

  it('declares only the variables the shared query uses (the root field’s arguments become the entity id)', () => {
    const { query } = shared('subscription ($p: ID!, $n: Int) { stockChanged(productId: $p) { variants(first: $n) { id } } }');
    expect(query.text).toContain('query SubscriptionEvent($__ultramarketEntityId: ID!, $n: Int)');
    expect(query.text).not.toContain('$p');
  });

  it('keeps fields with different arguments apart and the same arguments together', () => {
    const two = shared('subscription { stockChanged(productId: "p") { a: variants(first: 2) { id } b: variants(first: 2) { sku } } }');
    const five = shared('subscription { stockChanged(productId: "p") { variants(first: 5) { id sku } } }');
    expect(two.query.text.match(/variants\(/g)).toHaveLength(2); // merged by graphql execution under one key
    expect(two.query.text).not.toBe(five.query.text);
  });

  it('puts the shared answer back in each subscriber’s shape, aliases, fragments and order included', () => {
    const { document, root } = shared(
      'subscription { s: stockChanged(productId: "p") { units: stock ... on Product { name: title } vs: variants(first: 2) { ...V } } } fragment V on Variant { code: sku }',
    );
    const variantsKey = /(variants_[0-9a-f]+): variants/.exec(shared(print(document)).query.text)![1];
    const answer = { __typename: 'Product', stock: 3, title: 'Lamp', [variantsKey]: [{ __typename: 'Variant', sku: 'L-1' }] };
    expect(reshapeForSubscriber(answer, root.selectionSet!, fragmentsOf(document), schema)).toEqual({ units: 3, name: 'Lamp', vs: [{ code: 'L-1' }] });
  });
});
