import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { catalogTestClient, type UserErrorResult } from './support/catalog-client';

const COLLECTION_FIELDS = `id title handle kind match sortOrder published rules { field relation value optionName }`;
const CREATE = gql`
  mutation ($input: CreateCollectionInput!) {
    createCollection(input: $input) {
      collection { ${COLLECTION_FIELDS} }
      userErrors { code field message }
    }
  }
`;
const UPDATE = gql`
  mutation ($input: UpdateCollectionInput!) {
    updateCollection(input: $input) {
      collection { ${COLLECTION_FIELDS} }
      userErrors { code field message }
    }
  }
`;
const DELETE = gql`
  mutation ($id: ID!) {
    deleteCollection(input: { id: $id }) {
      deletedCollectionId
      userErrors {
        code
        field
      }
    }
  }
`;
const ADD = gql`
  mutation ($input: CollectionProductsInput!) {
    addProductsToCollection(input: $input) {
      collection {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const REMOVE = gql`
  mutation ($input: CollectionProductsInput!) {
    removeProductsFromCollection(input: $input) {
      collection {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const REORDER = gql`
  mutation ($input: ReorderCollectionProductsInput!) {
    reorderCollectionProducts(input: $input) {
      collection {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const MEMBERS = gql`
  query ($id: ID!, $first: Int, $after: String) {
    collection(id: $id) {
      id
      productsCount
      products(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
        }
      }
    }
  }
`;
const LISTS = gql`
  query ($handle: String!, $productId: ID!) {
    collections(first: 50) {
      totalCount
      nodes {
        handle
      }
    }
    collectionByHandle(handle: $handle) {
      id
    }
    product(id: $productId) {
      collections {
        handle
      }
    }
  }
`;
const UPDATE_PRODUCT = gql`
  mutation ($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      userErrors {
        code
      }
    }
  }
`;
const ARCHIVE_PRODUCT = gql`
  mutation ($id: ID!) {
    archiveProduct(input: { id: $id }) {
      userErrors {
        code
      }
    }
  }
`;

interface CollectionResult {
  id: string;
  title: string;
  handle: string;
  kind: string;
  match: string;
  sortOrder: string;
  published: boolean;
  rules: { field: string; relation: string; value: string; optionName: string | null }[];
}
type Payload = { collection: CollectionResult | null; userErrors: UserErrorResult[] };
interface CollectionUpdated {
  collectionId: string;
  handle: string;
  title: string;
  published: boolean;
  addedProductIds: string[];
  removedProductIds: string[];
}
interface Rule {
  field: string;
  relation: string;
  value: string;
  optionName?: string;
}
interface ProductFacts {
  status?: string;
  price?: number;
  tags?: string[];
  vendor?: string | null;
  productType?: string | null;
  variants?: { price: number; options: Record<string, string> }[];
}

describe('catalog: collections', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const shopper = { 'x-store-id': storeId };
  let catalog: TestSubgraph;
  let owner: DataSource;
  const { request, createProduct, outboxEvents, countOutbox } = catalogTestClient(
    () => catalog,
    () => owner,
  );
  const products: Record<string, string> = {};
  const versions = new Map<string, number>();

  /**
   * What catalog publishes for a product under the issue-13 contract (tags, vendor, type, variants with
   * prices and options), sent straight to JetStream with a version above the product's own events.
   * Returns once the membership consumer has handled it.
   */
  const productEvent = async (name: string, facts: ProductFacts, type = 'catalog.product-updated') => {
    const productId = products[name];
    const version = (versions.get(productId) ?? 10) + 1;
    versions.set(productId, version);
    const price = facts.variants?.[0]?.price ?? facts.price ?? 1000;
    const data = {
      productId,
      title: name,
      handle: name,
      status: facts.status ?? 'ACTIVE',
      price: { amount: price, currencyCode: 'USD' },
      category: null,
      ...(facts.variants
        ? {
            tags: facts.tags ?? [],
            vendor: facts.vendor ?? null,
            productType: facts.productType ?? null,
            publishedAt: null,
            options: [],
            variants: facts.variants.map((variant, index) => ({
              variantId: index === 0 ? productId : randomUUID(),
              position: index,
              title: Object.values(variant.options).join(' / ') || 'Default',
              sku: null,
              barcode: null,
              price: { amount: variant.price, currencyCode: 'USD' },
              compareAtPrice: null,
              weightGrams: null,
              trackInventory: true,
              options: Object.entries(variant.options).map(([optionName, value]) => ({ name: optionName, value })),
            })),
          }
        : {}),
    };
    const event = envelopeFor({ type, storeId, aggregateId: productId, aggregateVersion: version, data }, { correlationId: randomUUID(), causationId: null });
    const { js, names } = catalog.runtime;
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length > 0, 10_000, `${type} handled`);
    return event;
  };
  const create = async (input: Record<string, unknown>): Promise<Payload> =>
    (await request<{ createCollection: Payload }>(merchant, CREATE, { input })).createCollection;
  const created = async (input: Record<string, unknown>): Promise<CollectionResult> => {
    const payload = await create(input);
    expect(payload.userErrors).toEqual([]);
    return payload.collection!;
  };
  const update = async (input: Record<string, unknown>): Promise<Payload> =>
    (await request<{ updateCollection: Payload }>(merchant, UPDATE, { input })).updateCollection;
  /** The collection's products as its staff see them, or as a shopper (`token` null, with the store's X-Store-Id) does. */
  const members = async (collectionId: string, token: string | null = merchant, headers: Record<string, string> = {}): Promise<string[]> => {
    const data = await request<{ collection: { products: { nodes: { id: string }[] } } | null }>(
      token ?? undefined,
      MEMBERS,
      { id: collectionId, first: 100 },
      headers,
    );
    return data.collection ? data.collection.products.nodes.map((node) => node.id) : [];
  };
  const nameOf = (id: string) => Object.entries(products).find(([, productId]) => productId === id)?.[0] ?? id;
  const memberNames = async (collectionId: string) => (await members(collectionId)).map(nameOf).sort();
  const tableRows = async () => Number((await owner.query(`SELECT (SELECT count(*) FROM collection) + (SELECT count(*) FROM collection_product) AS n`))[0].n);

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph);
    owner = await openOwnerConnection(catalog.runtime.config);
    for (const name of ['shirt', 'jacket', 'tee', 'legacy', 'draft'])
      products[name] = await createProduct(merchant, name, name === 'draft' ? 'DRAFT' : 'ACTIVE');
    await productEvent('shirt', {
      tags: ['summer', 'sale'],
      vendor: 'Acme',
      productType: 'Shirt',
      variants: [
        { price: 1500, options: { Size: 'M', Colour: 'Red' } },
        { price: 2500, options: { Size: 'L', Colour: 'Red' } },
      ],
    });
    await productEvent('jacket', { tags: ['winter'], vendor: 'Bolt', productType: 'Jacket', variants: [{ price: 9000, options: { Size: 'M' } }] });
    await productEvent('tee', { tags: ['summer'], vendor: 'Acme Co', productType: 'shirt', variants: [{ price: 500, options: { Size: 'S' } }] });
    // an event from before variants: one default variant at the event's price, no tags
    await productEvent('legacy', { price: 3000 });
    await productEvent('draft', { status: 'DRAFT', tags: ['summer'], variants: [{ price: 100, options: {} }] });
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  describe('manual collections', () => {
    let manual: CollectionResult;

    beforeAll(async () => {
      manual = await created({ title: 'Staff picks', kind: 'MANUAL', published: true });
    });

    it('keeps the merchant’s order through adds, moves and removals, publishing who joined and left', async () => {
      expect(manual).toMatchObject({ handle: 'staff-picks', kind: 'MANUAL', sortOrder: 'MANUAL', rules: [] });
      const added = await request<{ addProductsToCollection: Payload }>(merchant, ADD, {
        input: { collectionId: manual.id, productIds: [products.tee, products.shirt, products.jacket] },
      });
      expect(added.addProductsToCollection.userErrors).toEqual([]);
      expect((await members(manual.id)).map(nameOf)).toEqual(['tee', 'shirt', 'jacket']);
      await request(merchant, ADD, { input: { collectionId: manual.id, productIds: [products.legacy, products.tee] } });
      expect((await members(manual.id)).map(nameOf)).toEqual(['tee', 'shirt', 'jacket', 'legacy']);

      const reordered = await request<{ reorderCollectionProducts: Payload }>(merchant, REORDER, {
        input: {
          collectionId: manual.id,
          moves: [
            { productId: products.legacy, position: 0 },
            { productId: products.tee, position: 99 },
          ],
        },
      });
      expect(reordered.reorderCollectionProducts.userErrors).toEqual([]);
      expect((await members(manual.id)).map(nameOf)).toEqual(['legacy', 'shirt', 'jacket', 'tee']);

      await request(merchant, REMOVE, { input: { collectionId: manual.id, productIds: [products.shirt, randomUUID()] } });
      expect((await members(manual.id)).map(nameOf)).toEqual(['legacy', 'jacket', 'tee']);

      const events = await outboxEvents<CollectionUpdated>('catalog.collection-updated', manual.id);
      expect(events.map((event) => [event.addedProductIds.map(nameOf).sort(), event.removedProductIds.map(nameOf)])).toEqual([
        [[], []],
        [['jacket', 'shirt', 'tee'], []],
        [['legacy'], []],
        [[], []],
        [[], ['shirt']],
      ]);
      expect(events[0]).toMatchObject({ collectionId: manual.id, handle: 'staff-picks', title: 'Staff picks', published: true });
    });

    it('pages through the manual order with cursors', async () => {
      const first = await request<{ collection: { products: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] } } }>(
        merchant,
        MEMBERS,
        { id: manual.id, first: 2 },
      );
      expect(first.collection.products.nodes.map((node) => nameOf(node.id))).toEqual(['legacy', 'jacket']);
      expect(first.collection.products.pageInfo.hasNextPage).toBe(true);
      const second = await request<{ collection: { products: { pageInfo: { hasNextPage: boolean }; nodes: { id: string }[] } } }>(merchant, MEMBERS, {
        id: manual.id,
        first: 2,
        after: first.collection.products.pageInfo.endCursor,
      });
      expect(second.collection.products.nodes.map((node) => nameOf(node.id))).toEqual(['tee']);
      expect(second.collection.products.pageInfo.hasNextPage).toBe(false);
    });

    it('refuses unknown products, moves of products not in it and changes to an automated collection, writing nothing', async () => {
      const automated = await created({ title: 'Anything summer', kind: 'AUTOMATED', rules: [{ field: 'TAG', relation: 'EQUALS', value: 'summer' }] });
      const before = [await tableRows(), await countOutbox()];
      const unknown = await request<{ addProductsToCollection: Payload }>(merchant, ADD, {
        input: { collectionId: manual.id, productIds: [products.draft, randomUUID()] },
      });
      expect(unknown.addProductsToCollection.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'productIds', '1'] })]);
      const notMember = await request<{ reorderCollectionProducts: Payload }>(merchant, REORDER, {
        input: {
          collectionId: manual.id,
          moves: [
            { productId: products.tee, position: 0 },
            { productId: products.draft, position: 0 },
          ],
        },
      });
      expect(notMember.reorderCollectionProducts.userErrors).toEqual([
        expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'moves', '1', 'productId'] }),
      ]);
      const onAutomated = await request<{ addProductsToCollection: Payload }>(merchant, ADD, {
        input: { collectionId: automated.id, productIds: [products.jacket] },
      });
      expect(onAutomated.addProductsToCollection.userErrors).toEqual([expect.objectContaining({ code: 'COLLECTION_IS_AUTOMATED' })]);
      expect([await tableRows(), await countOutbox()]).toEqual(before);
      expect((await members(manual.id)).map(nameOf)).toEqual(['legacy', 'jacket', 'tee']);
      await request(merchant, DELETE, { id: automated.id });
    });
  });

  describe('automated collections', () => {
    let automated: CollectionResult;
    const withRules = async (rules: Rule[], match = 'ALL') => {
      const payload = await update({ id: automated.id, rules, match });
      expect(payload.userErrors).toEqual([]);
      return memberNames(automated.id);
    };

    beforeAll(async () => {
      automated = await created({ title: 'Summer', kind: 'AUTOMATED', rules: [{ field: 'TAG', relation: 'EQUALS', value: 'Summer' }], published: true });
    });

    it('takes in every product meeting its rules when saved (archived never; drafts for staff only)', async () => {
      expect(automated).toMatchObject({
        kind: 'AUTOMATED',
        match: 'ALL',
        sortOrder: 'CREATED_DESC',
        rules: [{ field: 'TAG', relation: 'EQUALS', value: 'summer', optionName: null }],
      });
      expect(await memberNames(automated.id)).toEqual(['draft', 'shirt', 'tee']);
      expect((await members(automated.id, null, shopper)).map(nameOf).sort()).toEqual(['shirt', 'tee']);
      const [event] = await outboxEvents<CollectionUpdated>('catalog.collection-updated', automated.id);
      expect(event.addedProductIds.sort()).toEqual([products.draft, products.shirt, products.tee].sort());
    });

    it('matches tags, product type and vendor with EQUALS, NOT_EQUALS and CONTAINS, case-insensitively', async () => {
      expect(await withRules([{ field: 'TAG', relation: 'NOT_EQUALS', value: 'summer' }])).toEqual(['jacket', 'legacy']);
      expect(await withRules([{ field: 'TAG', relation: 'CONTAINS', value: 'WIN' }])).toEqual(['jacket']);
      expect(await withRules([{ field: 'PRODUCT_TYPE', relation: 'EQUALS', value: 'shirt' }])).toEqual(['shirt', 'tee']);
      expect(await withRules([{ field: 'PRODUCT_TYPE', relation: 'NOT_EQUALS', value: 'Shirt' }])).toEqual(['draft', 'jacket', 'legacy']);
      expect(await withRules([{ field: 'PRODUCT_TYPE', relation: 'CONTAINS', value: 'jack' }])).toEqual(['jacket']);
      expect(await withRules([{ field: 'VENDOR', relation: 'EQUALS', value: 'ACME' }])).toEqual(['shirt']);
      expect(await withRules([{ field: 'VENDOR', relation: 'CONTAINS', value: 'acme' }])).toEqual(['shirt', 'tee']);
      expect(await withRules([{ field: 'VENDOR', relation: 'NOT_EQUALS', value: 'acme' }])).toEqual(['draft', 'jacket', 'legacy', 'tee']);
    });

    it('matches a variant price when any variant matches, the legacy single price included', async () => {
      expect(await withRules([{ field: 'VARIANT_PRICE', relation: 'GREATER_THAN', value: '2000' }])).toEqual(['jacket', 'legacy', 'shirt']);
      expect(await withRules([{ field: 'VARIANT_PRICE', relation: 'LESS_THAN', value: '1000' }])).toEqual(['draft', 'tee']);
      expect(await withRules([{ field: 'VARIANT_PRICE', relation: 'EQUALS', value: '2500' }])).toEqual(['shirt']);
      expect(await withRules([{ field: 'VARIANT_PRICE', relation: 'NOT_EQUALS', value: '3000' }])).toEqual(['draft', 'jacket', 'shirt', 'tee']);
    });

    it('matches option values by option name on any variant', async () => {
      expect(await withRules([{ field: 'OPTION_VALUE', optionName: 'size', relation: 'EQUALS', value: 'm' }])).toEqual(['jacket', 'shirt']);
      expect(await withRules([{ field: 'OPTION_VALUE', optionName: 'Colour', relation: 'CONTAINS', value: 'E' }])).toEqual(['shirt']);
      expect(await withRules([{ field: 'OPTION_VALUE', optionName: 'Size', relation: 'NOT_EQUALS', value: 'M' }])).toEqual(['draft', 'legacy', 'tee']);
    });

    it('combines rules with ALL and ANY', async () => {
      const summer = { field: 'TAG', relation: 'EQUALS', value: 'summer' };
      const dear = { field: 'VARIANT_PRICE', relation: 'GREATER_THAN', value: '1000' };
      expect(await withRules([summer, dear], 'ALL')).toEqual(['shirt']);
      expect(await withRules([summer, dear], 'ANY')).toEqual(['draft', 'jacket', 'legacy', 'shirt', 'tee']);
      expect(
        await withRules(
          [
            { field: 'TAG', relation: 'EQUALS', value: 'winter' },
            { field: 'OPTION_VALUE', optionName: 'Size', relation: 'EQUALS', value: 'S' },
          ],
          'ANY',
        ),
      ).toEqual(['jacket', 'tee']);
      // whoever left and joined is published
      const [latest] = (await outboxEvents<CollectionUpdated>('catalog.collection-updated', automated.id)).slice(-1);
      expect([latest.addedProductIds.map(nameOf), latest.removedProductIds.map(nameOf).sort()]).toEqual([[], ['draft', 'legacy', 'shirt']]);
    });

    it('lists its products in its sort order', async () => {
      await update({ id: automated.id, rules: [{ field: 'VARIANT_PRICE', relation: 'GREATER_THAN', value: '0' }], sortOrder: 'PRICE_DESC' });
      // the product's own price is the lowest variant price: shirt 1000 (createProduct) until the variants part keeps it
      const prices: { id: string; price_amount: string }[] = await owner.query(`SELECT id, price_amount FROM product WHERE store_id = $1`, [storeId]);
      const expected = [...prices].sort((a, b) => Number(b.price_amount) - Number(a.price_amount) || b.id.localeCompare(a.id)).map((row) => row.id);
      expect(await members(automated.id)).toEqual(expected);
      expect((await update({ id: automated.id, sortOrder: 'MANUAL' })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_SORT_ORDER' })]);
    });

    it('follows a product’s tag change from its event: it joins, then leaves when the tag goes', async () => {
      await update({ id: automated.id, rules: [{ field: 'TAG', relation: 'EQUALS', value: 'summer' }], match: 'ALL', sortOrder: 'CREATED_DESC' });
      expect(await memberNames(automated.id)).toEqual(['draft', 'shirt', 'tee']);
      const before = (await outboxEvents('catalog.collection-updated', automated.id)).length;
      await productEvent('jacket', { tags: ['winter', 'summer'], vendor: 'Bolt', productType: 'Jacket', variants: [{ price: 9000, options: { Size: 'M' } }] });
      expect(await memberNames(automated.id)).toEqual(['draft', 'jacket', 'shirt', 'tee']);
      await productEvent('jacket', { tags: ['winter'], vendor: 'Bolt', productType: 'Jacket', variants: [{ price: 9000, options: { Size: 'M' } }] });
      expect(await memberNames(automated.id)).toEqual(['draft', 'shirt', 'tee']);
      const events = (await outboxEvents<CollectionUpdated>('catalog.collection-updated', automated.id)).slice(before);
      expect(events.map((event) => [event.addedProductIds, event.removedProductIds])).toEqual([
        [[products.jacket], []],
        [[], [products.jacket]],
      ]);
    });

    it('ignores an older event that arrives late', async () => {
      const stale = envelopeFor(
        {
          type: 'catalog.product-updated',
          storeId,
          aggregateId: products.jacket,
          aggregateVersion: 2,
          data: { productId: products.jacket, status: 'ACTIVE', price: { amount: 1, currencyCode: 'USD' }, tags: ['summer'] },
        },
        { correlationId: randomUUID(), causationId: null },
      );
      await catalog.runtime.js.publish(catalog.runtime.names.subject(stale.type), JSON.stringify(stale), { msgID: stale.id });
      await eventually(
        async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [stale.id])).length > 0,
        10_000,
        'the stale event handled',
      );
      expect(await memberNames(automated.id)).toEqual(['draft', 'shirt', 'tee']);
    });

    it('lets an archived product leave', async () => {
      await productEvent('shirt', { status: 'ARCHIVED', tags: ['summer', 'sale'], variants: [{ price: 1500, options: { Size: 'M' } }] });
      expect(await memberNames(automated.id)).toEqual(['draft', 'tee']);
    });

    it('keeps membership current for products changed through createProduct, updateProduct and archiveProduct', async () => {
      const cheap = await created({ title: 'Under 20', kind: 'AUTOMATED', rules: [{ field: 'VARIANT_PRICE', relation: 'LESS_THAN', value: '2000' }] });
      products.fresh = await createProduct(merchant, 'fresh', 'ACTIVE', 1200);
      await eventually(async () => (await members(cheap.id)).includes(products.fresh), 10_000, 'the new product in the collection');
      await request(merchant, UPDATE_PRODUCT, { input: { id: products.fresh, price: { amount: 5000, currencyCode: 'USD' } } });
      await eventually(async () => !(await members(cheap.id)).includes(products.fresh), 10_000, 'the dearer product out');
      await request(merchant, UPDATE_PRODUCT, { input: { id: products.fresh, price: { amount: 1000, currencyCode: 'USD' } } });
      await eventually(async () => (await members(cheap.id)).includes(products.fresh), 10_000, 'the cheaper product back');
      await request(merchant, ARCHIVE_PRODUCT, { id: products.fresh });
      await eventually(async () => !(await members(cheap.id)).includes(products.fresh), 10_000, 'the archived product out');
    });

    it('refuses rules that make no sense, writing nothing', async () => {
      const before = [await tableRows(), await countOutbox()];
      const invalid: [Record<string, unknown>, string[]][] = [
        [{ title: 'x', kind: 'AUTOMATED' }, ['input', 'rules']],
        [{ title: 'x', kind: 'AUTOMATED', rules: [] }, ['input', 'rules']],
        [{ title: 'x', kind: 'AUTOMATED', rules: [{ field: 'TAG', relation: 'GREATER_THAN', value: 'a' }] }, ['input', 'rules', '0', 'relation']],
        [
          {
            title: 'x',
            kind: 'AUTOMATED',
            rules: [
              { field: 'VENDOR', relation: 'EQUALS', value: 'a' },
              { field: 'VARIANT_PRICE', relation: 'LESS_THAN', value: '12.50' },
            ],
          },
          ['input', 'rules', '1', 'value'],
        ],
        [{ title: 'x', kind: 'AUTOMATED', rules: [{ field: 'VARIANT_PRICE', relation: 'CONTAINS', value: '1' }] }, ['input', 'rules', '0', 'relation']],
        [{ title: 'x', kind: 'AUTOMATED', rules: [{ field: 'OPTION_VALUE', relation: 'EQUALS', value: 'M' }] }, ['input', 'rules', '0', 'optionName']],
        [
          { title: 'x', kind: 'AUTOMATED', rules: [{ field: 'TAG', relation: 'EQUALS', value: 'a', optionName: 'Size' }] },
          ['input', 'rules', '0', 'optionName'],
        ],
        [{ title: 'x', kind: 'AUTOMATED', rules: [{ field: 'TAG', relation: 'EQUALS', value: '   ' }] }, ['input', 'rules', '0', 'value']],
        [{ title: 'x', kind: 'MANUAL', rules: [{ field: 'TAG', relation: 'EQUALS', value: 'a' }] }, ['input', 'rules']],
      ];
      for (const [input, field] of invalid)
        expect((await create(input)).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_COLLECTION_RULE', field })]);
      expect((await update({ id: automated.id, rules: [{ field: 'VARIANT_PRICE', relation: 'EQUALS', value: '-1' }] })).userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_COLLECTION_RULE' }),
      ]);
      expect((await create({ title: 'Staff picks', handle: 'staff-picks', kind: 'MANUAL' })).userErrors).toEqual([
        expect.objectContaining({ code: 'HANDLE_TAKEN' }),
      ]);
      expect([await tableRows(), await countOutbox()]).toEqual(before);
      expect(await memberNames(automated.id)).toEqual(['draft', 'tee']);
    });
  });

  it('splits a change of more than 500 products into events of at most 500 ids', async () => {
    const many: string[] = await owner.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.store_id', '*', true)`);
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO product (store_id, title, handle, status, price_amount, currency_code)
         SELECT $1, 'Bulk ' || n, 'bulk-' || n, 'ACTIVE', 777, 'USD' FROM generate_series(1, 620) AS n RETURNING id`,
        [storeId],
      );
      await manager.query(
        `INSERT INTO product_rule_facts (product_id, store_id, status, tags, variant_prices, version) SELECT unnest($1::uuid[]), $2, 'ACTIVE', '{bulk}', '{777}', 1`,
        [rows.map((row) => row.id), storeId],
      );
      return rows.map((row) => row.id);
    });
    const bulk = await created({ title: 'Bulk', kind: 'AUTOMATED', rules: [{ field: 'TAG', relation: 'EQUALS', value: 'bulk' }] });
    const events = await outboxEvents<CollectionUpdated>('catalog.collection-updated', bulk.id);
    expect(events.map((event) => event.addedProductIds.length)).toEqual([500, 120]);
    expect(new Set(events.flatMap((event) => event.addedProductIds))).toEqual(new Set(many));
    const versionsOf: { v: number }[] = await owner.query(
      `SELECT (envelope->>'aggregateVersion')::int AS v FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`,
      [bulk.id],
    );
    expect(versionsOf[1].v).toBeGreaterThan(versionsOf[0].v);
    const count = await request<{ collection: { productsCount: number } }>(undefined, MEMBERS, { id: bulk.id, first: 1 }, shopper);
    expect(count.collection).toBeNull(); // unpublished: shoppers do not see it
    expect((await request<{ collection: { productsCount: number } }>(merchant, MEMBERS, { id: bulk.id, first: 1 })).collection.productsCount).toBe(620);
    await request(merchant, DELETE, { id: bulk.id });
    expect(await outboxEvents('catalog.collection-deleted', bulk.id)).toEqual([{ collectionId: bulk.id }]);
  });

  it('shows shoppers published collections only, on lists, by handle and on the product', async () => {
    const hidden = await created({ title: 'Hidden', kind: 'MANUAL' });
    await request(merchant, ADD, { input: { collectionId: hidden.id, productIds: [products.tee] } });
    const asShopper = await request<{
      collections: { nodes: { handle: string }[] };
      collectionByHandle: unknown;
      product: { collections: { handle: string }[] };
    }>(undefined, LISTS, { handle: 'hidden', productId: products.tee }, shopper);
    expect(asShopper.collections.nodes.map((node) => node.handle)).not.toContain('hidden');
    expect(asShopper.collectionByHandle).toBeNull();
    expect(asShopper.product.collections.map((c) => c.handle).sort()).toEqual(['staff-picks', 'summer']);
    const asStaff = await request<{
      collections: { nodes: { handle: string }[] };
      collectionByHandle: { id: string };
      product: { collections: { handle: string }[] };
    }>(merchant, LISTS, { handle: 'hidden', productId: products.tee });
    expect(asStaff.collections.nodes.map((node) => node.handle)).toContain('hidden');
    expect(asStaff.collectionByHandle).toEqual({ id: hidden.id });
    expect(asStaff.product.collections.map((c) => c.handle).sort()).toEqual(['hidden', 'staff-picks', 'summer', 'under-20']);
  });
});
