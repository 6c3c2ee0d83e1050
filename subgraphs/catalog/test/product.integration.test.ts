import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { encodeCursor, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';

const CREATE = gql`
  mutation ($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
        storeId
        title
        handle
        status
        category
        price {
          amount
          currencyCode
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const UPDATE = gql`
  mutation ($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      product {
        id
        title
        status
        price {
          amount
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const ARCHIVE = gql`
  mutation ($id: ID!) {
    archiveProduct(input: { id: $id }) {
      product {
        status
      }
      userErrors {
        code
      }
    }
  }
`;
const PRODUCT = gql`
  query ($id: ID!) {
    product(id: $id) {
      id
      title
      status
    }
  }
`;
const PRODUCTS = gql`
  query ($first: Int, $after: String, $filter: ProductFilter, $sort: ProductSort) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
          price {
            amount
          }
        }
      }
      nodes {
        id
      }
    }
  }
`;

interface ProductResult {
  id: string;
  title: string;
  handle: string;
  status: string;
  storeId: string;
  price: { amount: number; currencyCode: string };
}
interface CreateResult {
  createProduct: { product: ProductResult | null; userErrors: { code: string; field: string[] | null; message: string }[] };
}
interface ProductsResult {
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; title: string; price: { amount: number } } }[];
    nodes: { id: string }[];
  };
}

describe('catalog subgraph', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let catalog: TestSubgraph;
  let owner: DataSource;

  const create = async (input: Record<string, unknown>, token = merchantA) => {
    const result = await catalog.client(token).rawRequest<CreateResult>(CREATE, { input: { price: { amount: 1000, currencyCode: 'USD' }, ...input } });
    expect(result.errors).toBeUndefined();
    return result.data.createProduct;
  };
  /** Counts across every store, as the database owner (the subgraph's own connection sees one store per transaction). */
  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph);
    owner = await openOwnerConnection(catalog.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  it('creates a product in the merchant’s store with a handle from its title, and records the event in the outbox', async () => {
    const first = await create({ title: 'Blue Cotton T-Shirt!', category: 'Apparel' });
    expect(first.userErrors).toEqual([]);
    expect(first.product).toMatchObject({
      storeId: storeA,
      title: 'Blue Cotton T-Shirt!',
      handle: 'blue-cotton-t-shirt',
      status: 'DRAFT',
      price: { amount: 1000, currencyCode: 'USD' },
    });

    const second = await create({ title: 'Blue cotton t-shirt' });
    expect(second.product?.handle).toBe('blue-cotton-t-shirt-2');

    const inOtherStore = await create({ title: 'Blue Cotton T-Shirt' }, merchantB);
    expect(inOtherStore.product?.handle).toBe('blue-cotton-t-shirt');

    const events: { envelope: { type: string; storeId: string; aggregateId: string; data: { handle: string } } }[] = await catalog.runtime.dataSource.query(
      `SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1`,
      [first.product!.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].envelope).toMatchObject({ type: 'catalog.product-created', storeId: storeA, data: { handle: 'blue-cotton-t-shirt' } });
  });

  it('answers a handle already taken in the store with a userError and writes nothing', async () => {
    await create({ title: 'Mug', handle: 'the-mug' });
    const before = await count(`SELECT count(*) AS n FROM outbox_event`);
    const duplicate = await create({ title: 'Another mug', handle: 'the-mug' });
    expect(duplicate.product).toBeNull();
    expect(duplicate.userErrors).toEqual([expect.objectContaining({ code: 'HANDLE_TAKEN', field: ['input', 'handle'] })]);
    expect(await count(`SELECT count(*) AS n FROM product WHERE title = 'Another mug'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM outbox_event`)).toBe(before);
  });

  it('rejects invalid input with BAD_USER_INPUT naming every field, and writes nothing', async () => {
    const products = await count(`SELECT count(*) AS n FROM product`);
    const events = await count(`SELECT count(*) AS n FROM outbox_event`);
    const result = await catalog
      .client(merchantA)
      .rawRequest(CREATE, { input: { title: '', price: { amount: -1, currencyCode: 'usd' }, imageUrl: 'ftp://example.com/a.png', handle: 'Not A Handle' } });
    expect(result.data).toBeNull();
    const error = result.errors![0];
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const fields = (error.extensions!.fields as { field: string[] }[]).map((field) => field.field.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['input.title', 'input.price.amount', 'input.price.currencyCode', 'input.imageUrl', 'input.handle']));
    expect(await count(`SELECT count(*) AS n FROM product`)).toBe(products);
    expect(await count(`SELECT count(*) AS n FROM outbox_event`)).toBe(events);
  });

  it('lets only store staff create products', async () => {
    const anonymous = await catalog.client().rawRequest(CREATE, { input: { title: 'x', price: { amount: 1, currencyCode: 'USD' } } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const customer = await catalog
      .client(tokenFor([Role.CUSTOMER], storeA))
      .rawRequest(CREATE, { input: { title: 'x', price: { amount: 1, currencyCode: 'USD' } } });
    expect(customer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('shows a draft only to its store’s staff', async () => {
    const draft = (await create({ title: 'Secret draft' })).product!;
    const read = async (token?: string, headers: Record<string, string> = {}) =>
      (await catalog.client(token, headers).rawRequest<{ product: { id: string } | null }>(PRODUCT, { id: draft.id })).data.product;
    expect(await read(undefined, { 'x-store-id': storeA })).toBeNull();
    expect(await read(tokenFor([Role.CUSTOMER], storeA))).toBeNull();
    expect(await read(merchantB)).toBeNull();
    expect(await read(merchantA)).toMatchObject({ id: draft.id, status: 'DRAFT' });
    expect(await read(tokenFor([Role.PLATFORM_ADMIN], null))).toMatchObject({ id: draft.id });
  });

  it('updates a product, bumps its version and publishes catalog.product-updated; another store cannot', async () => {
    const product = (await create({ title: 'Lamp' })).product!;
    const foreign = await catalog.client(merchantB).rawRequest<{ updateProduct: { product: unknown; userErrors: { code: string }[] } }>(UPDATE, {
      input: { id: product.id, title: 'Stolen lamp' },
    });
    expect(foreign.data.updateProduct).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });

    const updated = await catalog
      .client(merchantA)
      .rawRequest<{ updateProduct: { product: { title: string; status: string; price: { amount: number } } } }>(UPDATE, {
        input: { id: product.id, title: 'Desk lamp', price: { amount: 4500, currencyCode: 'USD' }, status: 'ACTIVE' },
      });
    expect(updated.data.updateProduct.product).toMatchObject({ title: 'Desk lamp', status: 'ACTIVE', price: { amount: 4500 } });
    const events: { envelope: { type: string; aggregateVersion: number; data: { title: string } } }[] = await catalog.runtime.dataSource.query(
      `SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`,
      [product.id],
    );
    expect(events.map((event) => event.envelope.type)).toEqual(['catalog.product-created', 'catalog.product-updated']);
    expect(events[1].envelope.aggregateVersion).toBeGreaterThan(events[0].envelope.aggregateVersion);
    expect(events[1].envelope.data.title).toBe('Desk lamp');
  });

  it('sets a tax class lower-cased, clears it with null, carries it in the product events, and refuses a bad one writing nothing', async () => {
    const CREATE_CLASSED = gql`
      mutation ($input: CreateProductInput!) {
        createProduct(input: $input) {
          product {
            id
            taxClass
          }
          userErrors {
            code
          }
        }
      }
    `;
    const UPDATE_CLASS = gql`
      mutation ($input: UpdateProductInput!) {
        updateProduct(input: $input) {
          product {
            taxClass
          }
          userErrors {
            code
          }
        }
      }
    `;
    type Classed = { product: { id: string; taxClass: string | null } | null; userErrors: { code: string }[] };
    const classedEvents = async (productId: string) =>
      (
        (await catalog.runtime.dataSource.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [productId])) as {
          envelope: { data: { taxClass?: string | null } };
        }[]
      ).map((event) => event.envelope.data.taxClass);
    const made = await catalog.client(merchantA).rawRequest<{ createProduct: Classed }>(CREATE_CLASSED, {
      input: { title: 'Cookbook', price: { amount: 2500, currencyCode: 'USD' }, taxClass: 'Books' },
    });
    expect(made.data.createProduct).toEqual({ product: { id: expect.any(String), taxClass: 'books' }, userErrors: [] });
    const id = made.data.createProduct.product!.id;
    const update = async (taxClass: unknown) =>
      (await catalog.client(merchantA).rawRequest<{ updateProduct: Classed }>(UPDATE_CLASS, { input: { id, taxClass } })).data.updateProduct;
    expect(await update('reduced_food-2')).toEqual({ product: { taxClass: 'reduced_food-2' }, userErrors: [] });
    expect((await catalog.client(merchantA).rawRequest<{ updateProduct: Classed }>(UPDATE_CLASS, { input: { id } })).data.updateProduct.product).toEqual({
      taxClass: 'reduced_food-2',
    });
    expect(await update(null)).toEqual({ product: { taxClass: null }, userErrors: [] });
    expect(await classedEvents(id)).toEqual(['books', 'reduced_food-2', 'reduced_food-2', null]);

    await update('books');
    const stored = async () => owner.query(`SELECT tax_class, version FROM product WHERE id = $1`, [id]);
    const before = await stored();
    const events = await count(`SELECT count(*) AS n FROM outbox_event`);
    const products = await count(`SELECT count(*) AS n FROM product`);
    for (const taxClass of ['', 'has space', 'books!', 'x'.repeat(65)]) {
      const refusedUpdate = await catalog.client(merchantA).rawRequest(UPDATE_CLASS, { input: { id, taxClass } });
      expect(refusedUpdate.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: ['input', 'taxClass'] })],
      });
      const refusedCreate = await catalog
        .client(merchantA)
        .rawRequest(CREATE_CLASSED, { input: { title: 'Refused', price: { amount: 100, currencyCode: 'USD' }, taxClass } });
      expect(refusedCreate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await stored()).toEqual(before);
    expect(before[0].tax_class).toBe('books');
    expect(await count(`SELECT count(*) AS n FROM product`)).toBe(products);
    expect(await count(`SELECT count(*) AS n FROM outbox_event`)).toBe(events);
  });

  it('archives a product, which takes it out of the storefront', async () => {
    const product = (await create({ title: 'Old stock', status: 'ACTIVE' })).product!;
    const archived = await catalog.client(merchantA).rawRequest<{ archiveProduct: { product: { status: string } } }>(ARCHIVE, { id: product.id });
    expect(archived.data.archiveProduct.product.status).toBe('ARCHIVED');
    const shopper = await catalog.client(undefined, { 'x-store-id': storeA }).rawRequest<ProductsResult>(PRODUCTS, { first: 100 });
    expect(shopper.data.products.nodes.map((node) => node.id)).not.toContain(product.id);
  });

  describe('listing', () => {
    const storeC = randomUUID();
    const merchantC = tokenFor([Role.MERCHANT], storeC);
    beforeAll(async () => {
      const items = [
        ['Red kettle', 2500, 'Kitchen'],
        ['Steel kettle', 4000, 'Kitchen'],
        ['Tea towel', 800, 'Kitchen'],
        ['Wool scarf', 3500, 'Apparel'],
        ['Silk scarf', 9000, 'Apparel'],
        ['Hidden draft kettle', 100, 'Kitchen'],
      ] as const;
      for (const [title, amount, category] of items) {
        await create({ title, price: { amount, currencyCode: 'EUR' }, category, status: title.startsWith('Hidden') ? 'DRAFT' : 'ACTIVE' }, merchantC);
      }
    });
    const list = (variables: Record<string, unknown>, token: string | undefined = undefined, storeId = storeC) =>
      catalog.client(token, { 'x-store-id': storeId }).rawRequest<ProductsResult>(PRODUCTS, variables);

    it('filters by category, words and price range, for shoppers only among active products', async () => {
      const kitchen = await list({ filter: { category: 'Kitchen' } });
      expect(kitchen.data.products.totalCount).toBe(3);
      const kettles = await list({ filter: { search: 'KETTLE' } });
      expect(kettles.data.products.edges.map((edge) => edge.node.title).sort()).toEqual(['Red kettle', 'Steel kettle']);
      const staffKettles = await list({ filter: { search: 'kettle' } }, merchantC);
      expect(staffKettles.data.products.totalCount).toBe(3);
      const midRange = await list({ filter: { priceMin: 2500, priceMax: 4000 }, sort: { field: 'PRICE', direction: 'ASC' } });
      expect(midRange.data.products.edges.map((edge) => edge.node.price.amount)).toEqual([2500, 3500, 4000]);
    });

    it('pages with cursors without gaps or repeats', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: ProductsResult = (await list({ first: 2, after, sort: { field: 'TITLE', direction: 'ASC' } })).data;
        seen.push(...page.products.edges.map((edge) => edge.node.title));
        expect(page.products.totalCount).toBe(5);
        expect(page.products.pageInfo.hasPreviousPage).toBe(after !== null);
        pages += 1;
        if (!page.products.pageInfo.hasNextPage) break;
        after = page.products.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(['Red kettle', 'Silk scarf', 'Steel kettle', 'Tea towel', 'Wool scarf']);
    });

    it('counts all matching products only when the client reads totalCount', async () => {
      const statements = async () =>
        (await catalog.runtime.registry.getSingleMetric('db_statements_total')!.get()).values.find((value) => value.labels.source === 'request')?.value ?? 0;
      const run = async (query: string) => {
        const before = await statements();
        const result = await catalog.client(undefined, { 'x-store-id': storeC }).rawRequest(query);
        expect(result.errors).toBeUndefined();
        return (await statements()) - before;
      };
      // the store's status is cached after the first read: every later page is one read transaction
      await run('{ products(first: 1) { nodes { id } } }');
      // BEGIN, the store scope, the page, COMMIT
      const page = await run('{ products(first: 3) { nodes { id } } }');
      expect(page).toBe(4);
      expect(await run('{ products(first: 3) { totalCount nodes { id } } }')).toBe(page + 1);
      expect(await run('query { products(first: 3) { ...Counted } } fragment Counted on ProductConnection { count: totalCount }')).toBe(page + 1);
    });

    it('refuses page sizes over 100 and cursors it did not issue', async () => {
      const tooMany = await list({ first: 101 });
      expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      const forged = await list({ after: 'not-a-cursor' });
      expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      // well-formed, but its value does not fit the sort column: refused before it reaches SQL's cast
      const mismatched = await list({ after: encodeCursor('cheap', randomUUID()), sort: { field: 'PRICE', direction: 'ASC' } });
      expect(mismatched.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  it('resolves federation references, hiding drafts from shoppers', async () => {
    const active = (await create({ title: 'Referenced', status: 'ACTIVE' })).product!;
    const draft = (await create({ title: 'Referenced draft' })).product!;
    const result = await catalog.client(undefined, { 'x-store-id': storeA }).rawRequest<{ _entities: ({ title: string } | null)[] }>(
      gql`
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Product {
              title
            }
          }
        }
      `,
      {
        representations: [
          { __typename: 'Product', id: active.id },
          { __typename: 'Product', id: draft.id },
        ],
      },
    );
    expect(result.data._entities).toEqual([{ title: 'Referenced' }, null]);
  });
});
