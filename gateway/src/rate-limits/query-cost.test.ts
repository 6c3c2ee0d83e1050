import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { costModelFromSupergraph, MUTATION_WEIGHT } from '../limits/operation-cost';
import { bucketCost, selectionCost } from './query-cost';

const model = costModelFromSupergraph(readFileSync(path.resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8'));
const cost = bucketCost(() => model);

/** What the subgraphs declare with `@cost(weight:)` on the mutations that hash a password, send an email or call a provider. */
const EXPENSIVE_MUTATIONS = {
  login: 50,
  register: 50,
  requestPasswordReset: 50,
  resetPassword: 50,
  verifyEmail: 50,
  changePassword: 50,
  setupMfa: 50,
  disableMfa: 50,
  placeOrder: 20,
  processPayment: 20,
};

describe('bucketCost', () => {
  it('reads the expensive mutations’ weights from the supergraph’s @cost declarations', () => {
    const declared = Object.fromEntries(Object.keys(EXPENSIVE_MUTATIONS).map((name) => [name, model.fieldWeights.get(`Mutation.${name}`)]));
    expect(declared).toEqual(EXPENSIVE_MUTATIONS);
    // the rest keep the default root-mutation weight
    expect(model.fieldWeights.has('Mutation.refreshToken')).toBe(false);
    expect(cost(parse('mutation { refreshToken(input: { token: "t" }) { __typename } }'), {})).toBe(MUTATION_WEIGHT);
  });

  it('prices each expensive mutation call at its weight, aliases included', () => {
    const logins = (count: number) =>
      parse(
        `mutation { ${Array.from({ length: count }, (_, index) => `l${index}: login(input: { email: "a@b.c", password: "p" }) { __typename }`).join(' ')} }`,
      );
    expect(cost(logins(2), {}) - cost(logins(1), {})).toBe(EXPENSIVE_MUTATIONS.login);
    expect(cost(logins(200), {})).toBeGreaterThanOrEqual(200 * EXPENSIVE_MUTATIONS.login);
    const payments = parse(
      'mutation ($input: ProcessPaymentInput!) { a: processPayment(input: $input) { __typename } b: processPayment(input: $input) { __typename } }',
    );
    expect(cost(payments, {})).toBe(2 * EXPENSIVE_MUTATIONS.processPayment);
  });

  it('prices queries as the cost model does, page sizes included', () => {
    const small = cost(parse('{ products(first: 1) { nodes { id title } } }'), {});
    const large = cost(parse('query ($n: Int) { products(first: $n) { nodes { id title } } }'), { n: 50 });
    expect(large).toBeGreaterThan(small);
  });

  it('estimates from the selection before the supergraph is loaded', () => {
    expect(bucketCost(() => null)(parse('{ products(first: 10) { nodes { id } } }'), {})).toBe(
      selectionCost(parse('{ products(first: 10) { nodes { id } } }'), {}),
    );
    expect(selectionCost(parse('{ products(first: 10) { nodes { id } } }'), {})).toBe(1 + 10 + 10);
  });
});
