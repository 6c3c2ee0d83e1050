import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { costModelFromSupergraph, MUTATION_WEIGHT } from '../limits/operation-cost';
import { bucketCost, MUTATION_WEIGHTS, selectionCost } from './query-cost';

const model = costModelFromSupergraph(readFileSync(path.resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8'));
const cost = bucketCost(() => model);

describe('bucketCost', () => {
  it('prices each expensive mutation call at its weight, aliases included', () => {
    const logins = (count: number) =>
      parse(
        `mutation { ${Array.from({ length: count }, (_, index) => `l${index}: login(input: { email: "a@b.c", password: "p" }) { __typename }`).join(' ')} }`,
      );
    expect(cost(logins(2), {}) - cost(logins(1), {})).toBe(MUTATION_WEIGHTS.login);
    expect(cost(logins(200), {})).toBeGreaterThanOrEqual(200 * MUTATION_WEIGHTS.login);
    expect(MUTATION_WEIGHTS.login).toBeGreaterThan(MUTATION_WEIGHT);
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
