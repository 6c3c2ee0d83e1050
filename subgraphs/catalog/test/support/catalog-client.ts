import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';

const CREATE_PRODUCT = gql`
  mutation ($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
      }
      userErrors {
        code
      }
    }
  }
`;

export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message?: string;
}

/** What the category and collection suites share: requests that must not fail, products made through createProduct, the outbox read back. */
export function catalogTestClient(catalog: () => TestSubgraph, owner: () => DataSource) {
  /** Runs an operation and fails the test on a GraphQL error. */
  const request = async <T>(token: string | undefined, document: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const result = await catalog().client(token, headers).rawRequest<T>(document, variables);
    if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const createProduct = async (token: string, title: string, status = 'ACTIVE', amount = 1000): Promise<string> => {
    const data = await request<{ createProduct: { product: { id: string } } }>(token, CREATE_PRODUCT, {
      input: { title, status, price: { amount, currencyCode: 'USD' } },
    });
    return data.createProduct.product.id;
  };
  /** The data of the events of `type` in the outbox (newest last), optionally only those about `aggregateId`. */
  const outboxEvents = async <T>(type: string, aggregateId?: string): Promise<T[]> => {
    const rows: { data: T }[] = await owner().query(
      `SELECT envelope->'data' AS data FROM outbox_event WHERE envelope->>'type' = $1 AND ($2::text IS NULL OR envelope->>'aggregateId' = $2) ORDER BY seq`,
      [type, aggregateId ?? null],
    );
    return rows.map((row) => row.data);
  };
  const countOutbox = async (): Promise<number> => Number((await owner().query(`SELECT count(*) AS n FROM outbox_event`))[0].n);
  return { request, createProduct, outboxEvents, countOutbox };
}
