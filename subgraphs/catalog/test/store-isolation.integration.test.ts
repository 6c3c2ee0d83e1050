import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, inScope, Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { storeStatusEvents } from '../../kit/test/support/tenancy-support';
import { pngImage } from './support/images';
import {
  catalogUploadUrl,
  COMPLETE_MEDIA_UPLOAD,
  CREATE_MEDIA_UPLOAD,
  DELETE_PRODUCT_MEDIA,
  headersOf,
  PRODUCT_MEDIA,
  putUpload,
  REORDER_PRODUCT_MEDIA,
  UPDATE_PRODUCT_MEDIA,
  type UploadTicket,
} from './support/media-client';

const CREATE = gql`
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
const PRODUCT = gql`
  query ($id: ID!) {
    product(id: $id) {
      id
    }
  }
`;
const PRODUCTS = gql`
  query {
    products(first: 100) {
      totalCount
      nodes {
        id
      }
    }
  }
`;
const ENTITIES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        id
      }
    }
  }
`;
const UPDATE = gql`
  mutation ($id: ID!) {
    updateProduct(input: { id: $id, title: "Taken over" }) {
      product {
        id
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
        id
      }
      userErrors {
        code
        field
      }
    }
  }
`;

const SEARCH = gql`
  query ($query: String) {
    productSearch(query: $query, first: 100) {
      totalCount
      products {
        nodes {
          id
        }
      }
      facets {
        inStock {
          inStock
          outOfStock
        }
      }
    }
  }
`;
const SUGGEST = gql`
  query ($prefix: String!) {
    searchSuggestions(prefix: $prefix) {
      productId
    }
  }
`;

interface ProductRow {
  id: string;
  store_id: string;
  title: string;
  status: string;
  version: number;
}

describe('catalog: one store never sees or touches another’s products', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let catalog: TestSubgraph;
  let owner: DataSource;
  const productsOf: Record<string, string[]> = {};
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'catalog-isolation-media-'));

  const create = async (token: string, title: string, status = 'ACTIVE') => {
    const result = await catalog.client(token).rawRequest<{ createProduct: { product: { id: string } } }>(CREATE, {
      input: { title, status, price: { amount: 500, currencyCode: 'USD' } },
    });
    expect(result.errors).toBeUndefined();
    return result.data.createProduct.product.id;
  };
  const rowsOf = (storeId: string): Promise<ProductRow[]> =>
    owner.query(`SELECT id, store_id, title, status, version FROM product WHERE store_id = $1 ORDER BY id`, [storeId]);
  const entities = async (ids: string[], token?: string, headers: Record<string, string> = {}) =>
    (await catalog.client(token, headers).rawRequest<{ _entities: unknown[] }>(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Product', id })) }))
      .data._entities;
  const product = async (id: string, token?: string, headers: Record<string, string> = {}) =>
    (await catalog.client(token, headers).rawRequest<{ product: { id: string } | null }>(PRODUCT, { id })).data.product;
  const listed = async (token?: string, headers: Record<string, string> = {}) => {
    const result = await catalog.client(token, headers).rawRequest<{ products: { totalCount: number; nodes: { id: string }[] } }>(PRODUCTS);
    expect(result.errors).toBeUndefined();
    return result.data.products;
  };

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph, { CATALOG_MEDIA_DIR: mediaDir });
    owner = await openOwnerConnection(catalog.runtime.config);
    productsOf[storeA] = [await create(merchantA, 'A kettle'), await create(merchantA, 'A draft', 'DRAFT')];
    productsOf[storeB] = [await create(merchantB, 'B kettle'), await create(merchantB, 'B draft', 'DRAFT')];
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  describe('row-level security on product, for the application role', () => {
    it('refuses a query that names no store', async () => {
      await expect(catalog.runtime.dataSource.query(`SELECT id FROM product`)).rejects.toThrow(/no store scope/);
    });

    it('shows a store’s transaction only its own rows, even without a store condition', async () => {
      const seen: { store_id: string }[] = await inScope(catalog.runtime.dataSource, storeA, (manager) => manager.query(`SELECT store_id FROM product`));
      expect(seen).toHaveLength(2);
      expect(new Set(seen.map((row) => row.store_id))).toEqual(new Set([storeA]));
    });

    it('refuses to write another store’s row from a store’s transaction', async () => {
      const insert = inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(
          `INSERT INTO product (store_id, title, handle, status, price_amount, currency_code) VALUES ($1, 'Smuggled', 'smuggled', 'ACTIVE', 1, 'USD')`,
          [storeB],
        ),
      );
      await expect(insert).rejects.toThrow(/row-level security/);
      const moved = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`UPDATE product SET store_id = $1 WHERE id = $2`, [storeB, productsOf[storeA][0]]),
      ).catch((error: Error) => error);
      expect(String(moved)).toMatch(/row-level security/);
      expect((await rowsOf(storeB)).map((row) => row.title).sort()).toEqual(['B draft', 'B kettle']);
      expect((await rowsOf(storeA)).every((row) => row.store_id === storeA)).toBe(true);
    });
  });

  it('resolves none of store B’s products for store A’s merchant or shoppers through _entities', async () => {
    expect(await entities(productsOf[storeB], merchantA)).toEqual([null, null]);
    expect(await entities(productsOf[storeB], undefined, { 'x-store-id': storeA })).toEqual([null, null]);
    expect(await entities(productsOf[storeA], merchantA)).toEqual(productsOf[storeA].map((id) => ({ id })));
  });

  it('answers product(id) with null and lists nothing of store B for store A’s callers', async () => {
    for (const id of productsOf[storeB]) expect(await product(id, merchantA)).toBeNull();
    const ids = (await listed(merchantA)).nodes.map((node) => node.id);
    expect(ids.sort()).toEqual([...productsOf[storeA]].sort());
    // naming store B does not make A's merchant staff there: a shopper sees B's active products only
    expect((await listed(merchantA, { 'x-store-id': storeB })).nodes.map((node) => node.id)).toEqual([productsOf[storeB][0]]);
  });

  it('lets store A’s merchant neither update nor archive store B’s products, and changes nothing of them', async () => {
    const before = await rowsOf(storeB);
    const events = Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n);
    for (const id of productsOf[storeB]) {
      const updated = await catalog.client(merchantA).rawRequest<{ updateProduct: unknown }>(UPDATE, { id });
      expect(updated.data.updateProduct).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
      const archived = await catalog.client(merchantA).rawRequest<{ archiveProduct: unknown }>(ARCHIVE, { id });
      expect(archived.data.archiveProduct).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
    }
    expect(await rowsOf(storeB)).toEqual(before);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n)).toBe(events);
  });

  it('needs a store: a caller with none is refused with BAD_USER_INPUT; a platform admin without one sees every store', async () => {
    for (const token of [undefined, tokenFor([Role.CUSTOMER], null)]) {
      const result = await catalog.client(token).rawRequest(PRODUCTS);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/needs a store/);
    }
    const staffWithoutStore = await catalog
      .client(tokenFor([Role.STORE_STAFF], null))
      .rawRequest<{ updateProduct: unknown }>(UPDATE, { id: productsOf[storeB][0] });
    expect(staffWithoutStore.data.updateProduct).toEqual({ product: null, userErrors: [{ code: 'STORE_REQUIRED', field: null }] });
    const admin = await listed(tokenFor([Role.PLATFORM_ADMIN], null));
    expect(admin.nodes.map((node) => node.id)).toEqual(expect.arrayContaining([...productsOf[storeA], ...productsOf[storeB]]));
  });

  describe('product media', () => {
    let mediaOfB: string;

    /** Store B's image of its first product, uploaded and completed by B's merchant. */
    beforeAll(async () => {
      const png = pngImage(6, 6);
      const ticket = (
        await catalog.client(merchantB).rawRequest<{ createMediaUpload: UploadTicket }>(CREATE_MEDIA_UPLOAD, {
          input: { productId: productsOf[storeB][0], filename: 'b.png', contentType: 'image/png', byteSize: png.length },
        })
      ).data.createMediaUpload;
      expect(await putUpload(catalogUploadUrl(catalog, ticket.uploadUrl), headersOf(ticket), png)).toBe(201);
      await catalog.client(merchantB).rawRequest(COMPLETE_MEDIA_UPLOAD, { input: { mediaId: ticket.mediaId, alt: 'B' } });
      mediaOfB = ticket.mediaId;
    });

    const mediaRowsOf = (storeId: string) =>
      owner.query(`SELECT id, product_id, position, alt, status, storage_key FROM product_media WHERE store_id = $1 ORDER BY id`, [storeId]);

    it('keeps product_media behind row-level security', async () => {
      await expect(catalog.runtime.dataSource.query(`SELECT id FROM product_media`)).rejects.toThrow(/no store scope/);
      const seen: unknown[] = await inScope(catalog.runtime.dataSource, storeA, (manager) => manager.query(`SELECT id FROM product_media`));
      expect(seen).toEqual([]);
      const insert = inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`INSERT INTO product_media (store_id, product_id, position, external_url, status) VALUES ($1, $2, 0, 'https://x.test/a.png', 'READY')`, [
          storeB,
          productsOf[storeB][0],
        ]),
      );
      await expect(insert).rejects.toThrow(/row-level security/);
    });

    it('lets store A’s merchant neither upload to, complete, describe, reorder nor delete store B’s media, and writes nothing', async () => {
      const before = await mediaRowsOf(storeB);
      const events = Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n);
      const filesOfB = readdirSync(path.join(mediaDir, storeB));
      const client = catalog.client(merchantA);
      const answers = {
        createMediaUpload: (
          await client.rawRequest<{ createMediaUpload: unknown }>(CREATE_MEDIA_UPLOAD, {
            input: { productId: productsOf[storeB][0], filename: 'a.png', contentType: 'image/png', byteSize: 100 },
          })
        ).data.createMediaUpload,
        completeMediaUpload: (await client.rawRequest<{ completeMediaUpload: unknown }>(COMPLETE_MEDIA_UPLOAD, { input: { mediaId: mediaOfB } })).data
          .completeMediaUpload,
        updateProductMedia: (await client.rawRequest<{ updateProductMedia: unknown }>(UPDATE_PRODUCT_MEDIA, { input: { id: mediaOfB, alt: 'A was here' } }))
          .data.updateProductMedia,
        reorderProductMedia: (
          await client.rawRequest<{ reorderProductMedia: unknown }>(REORDER_PRODUCT_MEDIA, {
            input: { productId: productsOf[storeB][0], mediaIds: [mediaOfB] },
          })
        ).data.reorderProductMedia,
        deleteProductMedia: (await client.rawRequest<{ deleteProductMedia: unknown }>(DELETE_PRODUCT_MEDIA, { input: { id: mediaOfB } })).data
          .deleteProductMedia,
      };
      expect(answers).toEqual({
        createMediaUpload: expect.objectContaining({
          uploadUrl: null,
          mediaId: null,
          userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'productId'] })],
        }),
        completeMediaUpload: { media: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'mediaId'] })] },
        updateProductMedia: { media: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] },
        reorderProductMedia: { media: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'productId'] }] },
        deleteProductMedia: { deletedMediaId: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] },
      });
      expect(await mediaRowsOf(storeB)).toEqual(before);
      expect(await mediaRowsOf(storeA)).toEqual([]);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n)).toBe(events);
      expect(readdirSync(path.join(mediaDir, storeB))).toEqual(filesOfB);
      expect(existsSync(path.join(mediaDir, storeB, mediaOfB))).toBe(true);
      expect(existsSync(path.join(mediaDir, storeA))).toBe(false);
    });

    it('lets store A’s merchant point neither B’s variant at an image nor A’s variant at B’s image: NOT_FOUND, nothing written', async () => {
      const SET_VARIANT_MEDIA = gql`
        mutation ($input: SetVariantMediaInput!) {
          setVariantMedia(input: $input) {
            product {
              id
            }
            userErrors {
              code
              field
            }
          }
        }
      `;
      const variantsOf = (storeId: string) => owner.query(`SELECT id, media_id, version FROM product_variant WHERE store_id = $1 ORDER BY id`, [storeId]);
      const before = { a: await variantsOf(storeA), b: await variantsOf(storeB) };
      const events = Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n);
      const attempts = [
        [{ variantId: productsOf[storeB][0], mediaId: mediaOfB }, 'variantId'],
        [{ variantId: productsOf[storeB][0], mediaId: null }, 'variantId'],
        [{ variantId: productsOf[storeA][0], mediaId: mediaOfB }, 'mediaId'],
      ] as const;
      for (const [input, field] of attempts) {
        const result = await catalog.client(merchantA).rawRequest<{ setVariantMedia: unknown }>(SET_VARIANT_MEDIA, { input });
        expect(result.data.setVariantMedia).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', field] }] });
      }
      expect({ a: await variantsOf(storeA), b: await variantsOf(storeB) }).toEqual(before);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n)).toBe(events);
    });

    it('shows store B’s images to B’s shoppers only, not through store A', async () => {
      const mediaOf = async (token?: string, headers: Record<string, string> = {}) =>
        (await catalog.client(token, headers).rawRequest<{ product: { media: { id: string }[] } | null }>(PRODUCT_MEDIA, { id: productsOf[storeB][0] })).data
          .product;
      expect(await mediaOf(undefined, { 'x-store-id': storeB })).toMatchObject({ media: [{ id: mediaOfB }] });
      expect(await mediaOf(merchantA)).toBeNull();
      expect(await mediaOf(undefined, { 'x-store-id': storeA })).toBeNull();
    });
  });

  describe('search', () => {
    const searched = async (query: string | null, token?: string, headers: Record<string, string> = {}) => {
      const result = await catalog
        .client(token, headers)
        .rawRequest<{ productSearch: { totalCount: number; products: { nodes: { id: string }[] } } }>(SEARCH, { query });
      expect(result.errors).toBeUndefined();
      return result.data.productSearch.products.nodes.map((node) => node.id).sort();
    };
    const suggested = async (prefix: string, token?: string, headers: Record<string, string> = {}) =>
      (await catalog.client(token, headers).rawRequest<{ searchSuggestions: { productId: string }[] }>(SUGGEST, { prefix })).data.searchSuggestions.map(
        (suggestion) => suggestion.productId,
      );

    beforeAll(async () => {
      // the documents follow the products' events
      await eventually(async () => (await searched(null, tokenFor([Role.PLATFORM_ADMIN], storeB))).length === 2, 10_000, 'store B’s documents');
      await eventually(async () => (await searched(null, merchantA)).length === 2, 10_000, 'store A’s documents');
    });

    it('keeps product_search_document under row-level security, and search_words_match to the transaction’s own store', async () => {
      await expect(catalog.runtime.dataSource.query(`SELECT product_id FROM product_search_document`)).rejects.toThrow(/no store scope/);
      const seen: { store_id: string }[] = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`SELECT store_id FROM product_search_document`),
      );
      expect(new Set(seen.map((row) => row.store_id))).toEqual(new Set([storeA]));
      // the owner's function answers for the scoped store only: naming store B from store A's transaction is refused
      const across = inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`SELECT product_id FROM search_words_match($1, websearch_to_tsquery('simple', 'kettle'))`, [storeB]),
      );
      await expect(across).rejects.toThrow(/no store scope/);
      await expect(
        catalog.runtime.dataSource.query(`SELECT product_id FROM search_words_match($1, websearch_to_tsquery('simple', 'kettle'))`, [storeB]),
      ).rejects.toThrow(/no store scope/);
      const own = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`SELECT product_id FROM search_words_match($1, websearch_to_tsquery('simple', 'kettle'))`, [storeA]),
      );
      expect(own.map((row: { product_id: string }) => row.product_id)).toEqual([productsOf[storeA][0]]);
    });

    it('finds and suggests only the caller’s store’s products, whoever asks and whatever store they name', async () => {
      expect(await searched('kettle', merchantA)).toEqual([productsOf[storeA][0]]);
      expect(await searched('ketle', merchantA)).toEqual([productsOf[storeA][0]]);
      expect(await searched('kettle', undefined, { 'x-store-id': storeB })).toEqual([productsOf[storeB][0]]);
      // store A's merchant naming store B is a shopper there: B's active products only, never A's
      expect(await searched('kettle', merchantA, { 'x-store-id': storeB })).toEqual([productsOf[storeB][0]]);
      expect(await searched('draft', merchantA, { 'x-store-id': storeB })).toEqual([]);
      expect(await suggested('kett', merchantA)).toEqual([productsOf[storeA][0]]);
      expect(await suggested('kett', undefined, { 'x-store-id': storeB })).toEqual([productsOf[storeB][0]]);
    });

    it('needs a store: a caller with none is refused with BAD_USER_INPUT', async () => {
      for (const token of [undefined, tokenFor([Role.CUSTOMER], null), tokenFor([Role.PLATFORM_ADMIN], null)]) {
        for (const [operation, variables] of [
          [SEARCH, { query: 'kettle' }],
          [SUGGEST, { prefix: 'kettle' }],
        ] as const) {
          const result = await catalog.client(token).rawRequest(operation, variables);
          expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        }
      }
    });
  });

  describe('store status', () => {
    const storeS = randomUUID();
    const merchantS = tokenFor([Role.MERCHANT], storeS);
    const admin = tokenFor([Role.PLATFORM_ADMIN], null);
    let productS: string;
    const shopper = { 'x-store-id': storeS };

    /** Moves store S to `status` and waits until the catalog's replica has it. */
    const setStoreStatus = storeStatusEvents(() => catalog);
    const moveTo = (status: StoreStatus) => setStoreStatus(storeS, status);
    /** What a shopper of store S sees: the product by id, the list, the reference. */
    const shopperView = async (headers: Record<string, string>, token?: string) => ({
      product: await product(productS, token, headers),
      products: (await listed(token, headers)).nodes.map((node) => node.id),
      entities: await entities([productS], token, headers),
    });
    const visible = () => ({ product: { id: productS }, products: [productS], entities: [{ id: productS }] });
    const hidden = { product: null, products: [], entities: [null] };

    beforeAll(async () => {
      productS = await create(merchantS, 'S lamp');
    });

    it('keeps a paused store’s storefront browsable', async () => {
      await moveTo(StoreStatus.PAUSED);
      expect(await shopperView(shopper)).toEqual(visible());
    });

    it('shows shoppers and other stores’ staff nothing of a suspended store, while its staff and platform admins see everything', async () => {
      await moveTo(StoreStatus.SUSPENDED);
      // the status reaches the subgraph as an event: a moment later
      await eventually(async () => (await product(productS, undefined, shopper)) === null, 10_000, 'the storefront hidden');
      expect(await shopperView(shopper)).toEqual(hidden);
      expect(await shopperView(shopper, tokenFor([Role.CUSTOMER], storeS))).toEqual(hidden);
      expect(await shopperView(shopper, merchantA)).toEqual(hidden);
      expect(await listed(undefined, shopper)).toEqual({ totalCount: 0, nodes: [] });
      const search = await catalog.client(undefined, shopper).rawRequest<{ productSearch: { totalCount: number } }>(SEARCH, { query: 'lamp' });
      expect(search.data.productSearch.totalCount).toBe(0);
      expect(
        (await catalog.client(undefined, shopper).rawRequest<{ searchSuggestions: unknown[] }>(SUGGEST, { prefix: 'lamp' })).data.searchSuggestions,
      ).toEqual([]);
      expect(
        (await catalog.client(merchantS).rawRequest<{ productSearch: { totalCount: number } }>(SEARCH, { query: 'lamp' })).data.productSearch.totalCount,
      ).toBe(1);

      expect(await shopperView({}, merchantS)).toEqual(visible());
      expect(await product(productS, admin)).toEqual({ id: productS });
      expect(await entities([productS], admin)).toEqual([{ id: productS }]);
      expect(await shopperView(shopper, admin)).toEqual(visible());
    });

    it('shows nothing of a closed store to shoppers, and brings the storefront back when the store is active again', async () => {
      await moveTo(StoreStatus.CLOSED);
      expect(await shopperView(shopper)).toEqual(hidden);
      await moveTo(StoreStatus.ACTIVE);
      await eventually(async () => (await product(productS, undefined, shopper)) !== null, 10_000, 'the storefront back');
      expect(await shopperView(shopper)).toEqual(visible());
    });
  });

  describe('options and variants', () => {
    const VARIANT = gql`
      query ($id: ID!) {
        productVariant(id: $id) {
          id
        }
      }
    `;
    const VARIANT_ENTITIES = gql`
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on ProductVariant {
            id
          }
        }
      }
    `;
    const mutations: Record<string, string> = {
      setProductOptions: 'SetProductOptionsInput',
      createProductVariants: 'CreateProductVariantsInput',
      updateProductVariants: 'UpdateProductVariantsInput',
      deleteProductVariants: 'DeleteProductVariantsInput',
    };
    const run = (name: string, token: string, input: Record<string, unknown>) =>
      catalog
        .client(token)
        .rawRequest<Record<string, unknown>>(`mutation ($input: ${mutations[name]}!) { ${name}(input: $input) { product { id } userErrors { code field } } }`, {
          input,
        });
    const variantRows = (storeId: string) =>
      owner.transaction(async (manager) => {
        await manager.query(`SELECT set_config('app.store_id', '*', true)`);
        return {
          variants: await manager.query(`SELECT * FROM product_variant WHERE store_id = $1 ORDER BY id`, [storeId]),
          options: await manager.query(`SELECT * FROM product_option WHERE store_id = $1 ORDER BY id`, [storeId]),
        };
      });

    it('keeps product_variant and product_option rows behind row-level security', async () => {
      await expect(catalog.runtime.dataSource.query(`SELECT id FROM product_variant`)).rejects.toThrow(/no store scope/);
      await expect(catalog.runtime.dataSource.query(`SELECT id FROM product_option`)).rejects.toThrow(/no store scope/);
      const seen: { store_id: string }[] = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`SELECT store_id FROM product_variant`),
      );
      expect(new Set(seen.map((row) => row.store_id))).toEqual(new Set([storeA]));
      const smuggled = inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(
          `INSERT INTO product_variant (store_id, product_id, position, title, price_amount, currency_code, option_values) VALUES ($1, $2, 9, 'x', 1, 'USD', '{x}')`,
          [storeB, productsOf[storeB][0]],
        ),
      );
      await expect(smuggled).rejects.toThrow(/row-level security/);
    });

    it('resolves none of store B’s variants for store A’s callers, by productVariant(id) or _entities', async () => {
      for (const id of productsOf[storeB]) {
        for (const [token, headers] of [
          [merchantA, {}],
          [undefined, { 'x-store-id': storeA }],
        ] as const) {
          expect((await catalog.client(token, headers).rawRequest<{ productVariant: unknown }>(VARIANT, { id })).data.productVariant).toBeNull();
        }
      }
      const entities = await catalog
        .client(merchantA)
        .rawRequest<{ _entities: unknown[] }>(VARIANT_ENTITIES, { representations: productsOf[storeB].map((id) => ({ __typename: 'ProductVariant', id })) });
      expect(entities.data._entities).toEqual([null, null]);
      expect((await catalog.client(merchantB).rawRequest<{ productVariant: unknown }>(VARIANT, { id: productsOf[storeB][0] })).data.productVariant).toEqual({
        id: productsOf[storeB][0],
      });
    });

    it('lets store A’s merchant change none of store B’s options or variants: NOT_FOUND and nothing written', async () => {
      const [productB] = productsOf[storeB];
      const before = await variantRows(storeB);
      const events = Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n);
      const attempts: [string, Record<string, unknown>][] = [
        ['setProductOptions', { productId: productB, options: [{ name: 'Size', values: ['S', 'M'] }] }],
        ['createProductVariants', { productId: productB, variants: [{ options: [], price: { amount: 1, currencyCode: 'USD' } }] }],
        ['updateProductVariants', { productId: productB, variants: [{ id: productB, price: { amount: 1, currencyCode: 'USD' } }] }],
        ['deleteProductVariants', { productId: productB, variantIds: [productB] }],
      ];
      for (const [name, input] of attempts) {
        const result = await run(name, merchantA, input);
        expect(result.errors).toBeUndefined();
        expect(result.data[name]).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'productId'] }] });
      }
      // store A's product, naming store B's variant: not one of its variants
      const [productA] = productsOf[storeA];
      const crossed = await run('updateProductVariants', merchantA, {
        productId: productA,
        variants: [{ id: productB, price: { amount: 1, currencyCode: 'USD' } }],
      });
      expect(crossed.data.updateProductVariants).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'variants', '0', 'id'] }] });
      expect(await variantRows(storeB)).toEqual(before);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n)).toBe(events);
    });

    it('refuses the variant mutations to shoppers and to staff without a store', async () => {
      const input = { productId: productsOf[storeA][0], variantIds: [productsOf[storeA][0]] };
      expect((await run('deleteProductVariants', tokenFor([Role.CUSTOMER], storeA), input)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const noStore = await run('deleteProductVariants', tokenFor([Role.STORE_STAFF], null), input);
      expect(noStore.data.deleteProductVariants).toEqual({ product: null, userErrors: [{ code: 'STORE_REQUIRED', field: null }] });
    });
  });
  describe('categories and collections', () => {
    const CREATE_CATEGORY = gql`
      mutation ($input: CreateCategoryInput!) {
        createCategory(input: $input) {
          category {
            id
          }
          userErrors {
            code
            field
          }
        }
      }
    `;
    const CREATE_COLLECTION = gql`
      mutation ($input: CreateCollectionInput!) {
        createCollection(input: $input) {
          collection {
            id
          }
          userErrors {
            code
            field
          }
        }
      }
    `;
    const READS = gql`
      query ($categoryId: ID!, $collectionId: ID!) {
        category(id: $categoryId) {
          id
        }
        categoryByHandle(handle: "shared") {
          id
        }
        roots: categories {
          id
        }
        children: categories(parentId: $categoryId) {
          id
        }
        collection(id: $collectionId) {
          id
        }
        collectionByHandle(handle: "shared") {
          id
        }
        collections(first: 100) {
          nodes {
            id
          }
        }
      }
    `;
    const CATEGORY_WRITES = gql`
      mutation ($categoryId: ID!, $mine: ID!, $product: ID!, $ownProduct: ID!) {
        update: updateCategory(input: { id: $categoryId, name: "Taken over" }) {
          userErrors {
            code
            field
          }
        }
        move: moveCategory(input: { id: $categoryId, parentId: null }) {
          userErrors {
            code
            field
          }
        }
        moveUnder: moveCategory(input: { id: $mine, parentId: $categoryId }) {
          userErrors {
            code
            field
          }
        }
        createUnder: createCategory(input: { name: "Smuggled", parentId: $categoryId }) {
          userErrors {
            code
            field
          }
        }
        assignTheirs: assignProductCategories(input: { productId: $ownProduct, categoryIds: [$categoryId] }) {
          userErrors {
            code
            field
          }
        }
        assignToTheirProduct: assignProductCategories(input: { productId: $product, categoryIds: [$mine] }) {
          userErrors {
            code
            field
          }
        }
        delete: deleteCategory(input: { id: $categoryId }) {
          userErrors {
            code
            field
          }
        }
      }
    `;
    const COLLECTION_WRITES = gql`
      mutation ($collectionId: ID!, $mine: ID!, $product: ID!) {
        update: updateCollection(input: { id: $collectionId, title: "Taken over" }) {
          userErrors {
            code
            field
          }
        }
        add: addProductsToCollection(input: { collectionId: $collectionId, productIds: [$product] }) {
          userErrors {
            code
            field
          }
        }
        remove: removeProductsFromCollection(input: { collectionId: $collectionId, productIds: [$product] }) {
          userErrors {
            code
            field
          }
        }
        reorder: reorderCollectionProducts(input: { collectionId: $collectionId, moves: [{ productId: $product, position: 0 }] }) {
          userErrors {
            code
            field
          }
        }
        addTheirProduct: addProductsToCollection(input: { collectionId: $mine, productIds: [$product] }) {
          userErrors {
            code
            field
          }
        }
        delete: deleteCollection(input: { id: $collectionId }) {
          userErrors {
            code
            field
          }
        }
      }
    `;
    const GROUP_ENTITIES = gql`
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Category {
            id
          }
          ... on Collection {
            id
          }
        }
      }
    `;
    const of: Record<string, { category: string; collection: string }> = {};
    const groupRows = async (storeId: string) =>
      owner.query(
        `SELECT (SELECT json_agg(c ORDER BY c.id) FROM category c WHERE c.store_id = $1) AS categories,
                (SELECT json_agg(c ORDER BY c.id) FROM collection c WHERE c.store_id = $1) AS collections,
                (SELECT json_agg(cp ORDER BY cp.product_id) FROM collection_product cp WHERE cp.store_id = $1) AS members,
                (SELECT json_agg(pc ORDER BY pc.product_id) FROM product_category pc WHERE pc.store_id = $1) AS assigned`,
        [storeId],
      );

    beforeAll(async () => {
      for (const [storeId, token] of [
        [storeA, merchantA],
        [storeB, merchantB],
      ]) {
        // the same handle in both stores: handles are unique per store only
        const category = await catalog
          .client(token)
          .rawRequest<{ createCategory: { category: { id: string } } }>(CREATE_CATEGORY, { input: { name: 'Shared', handle: 'shared' } });
        const collection = await catalog.client(token).rawRequest<{ createCollection: { collection: { id: string } } }>(CREATE_COLLECTION, {
          input: { title: 'Shared', handle: 'shared', kind: 'MANUAL', published: true },
        });
        of[storeId] = { category: category.data.createCategory.category.id, collection: collection.data.createCollection.collection.id };
      }
      const add = gql`
        mutation ($collectionId: ID!, $productId: ID!, $categoryId: ID!) {
          addProductsToCollection(input: { collectionId: $collectionId, productIds: [$productId] }) {
            userErrors {
              code
            }
          }
          assignProductCategories(input: { productId: $productId, categoryIds: [$categoryId] }) {
            userErrors {
              code
            }
          }
        }
      `;
      await catalog
        .client(merchantB)
        .rawRequest(add, { collectionId: of[storeB].collection, productId: productsOf[storeB][0], categoryId: of[storeB].category });
    });

    it('shows store A’s callers nothing of store B’s categories and collections, by id, handle, list or reference', async () => {
      for (const [token, headers] of [
        [merchantA, {}],
        [undefined, { 'x-store-id': storeA }],
      ] as const) {
        const result = await catalog
          .client(token, headers)
          .rawRequest<Record<string, unknown>>(READS, { categoryId: of[storeB].category, collectionId: of[storeB].collection });
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({
          category: null,
          categoryByHandle: { id: of[storeA].category },
          roots: [{ id: of[storeA].category }],
          children: [],
          collection: null,
          collectionByHandle: { id: of[storeA].collection },
          collections: { nodes: [{ id: of[storeA].collection }] },
        });
        const entities = await catalog.client(token, headers).rawRequest<{ _entities: unknown[] }>(GROUP_ENTITIES, {
          representations: [
            { __typename: 'Category', id: of[storeB].category },
            { __typename: 'Collection', id: of[storeB].collection },
          ],
        });
        expect(entities.data._entities).toEqual([null, null]);
      }
    });

    it('lets store A’s merchant change none of store B’s categories, collections or assignments, and writes nothing', async () => {
      const before = await groupRows(storeB);
      const events = Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n);
      const categories = await catalog.client(merchantA).rawRequest<Record<string, { userErrors: unknown[] }>>(CATEGORY_WRITES, {
        categoryId: of[storeB].category,
        mine: of[storeA].category,
        product: productsOf[storeB][0],
        ownProduct: productsOf[storeA][0],
      });
      expect(categories.errors).toBeUndefined();
      expect(categories.data).toEqual({
        update: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] },
        move: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] },
        moveUnder: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'parentId'] }] },
        createUnder: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'parentId'] }] },
        assignTheirs: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'categoryIds', '0'] }] },
        assignToTheirProduct: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'productId'] }] },
        delete: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] },
      });
      const collections = await catalog.client(merchantA).rawRequest<Record<string, { userErrors: unknown[] }>>(COLLECTION_WRITES, {
        collectionId: of[storeB].collection,
        mine: of[storeA].collection,
        product: productsOf[storeB][0],
      });
      expect(collections.errors).toBeUndefined();
      expect(collections.data).toEqual({
        update: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] },
        add: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'collectionId'] }] },
        remove: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'collectionId'] }] },
        reorder: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'collectionId'] }] },
        addTheirProduct: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'productIds', '0'] }] },
        delete: { userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] },
      });
      expect(await groupRows(storeB)).toEqual(before);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n)).toBe(events);
    });

    it('ignores a product event of store A that names store B’s product: no facts, no membership', async () => {
      const automated = await catalog.client(merchantA).rawRequest<{ createCollection: { collection: { id: string } } }>(CREATE_COLLECTION, {
        input: { title: 'Everything', kind: 'AUTOMATED', rules: [{ field: 'VARIANT_PRICE', relation: 'GREATER_THAN', value: '0' }] },
      });
      const forged = envelopeFor(
        {
          type: 'catalog.product-updated',
          storeId: storeA,
          aggregateId: productsOf[storeB][0],
          aggregateVersion: 99,
          data: { productId: productsOf[storeB][0], status: 'ACTIVE', price: { amount: 500, currencyCode: 'USD' }, tags: ['stolen'] },
        },
        { correlationId: randomUUID(), causationId: null },
      );
      await catalog.runtime.js.publish(catalog.runtime.names.subject(forged.type), JSON.stringify(forged), { msgID: forged.id });
      await eventually(
        async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [forged.id])).length > 0,
        10_000,
        'the event handled',
      );
      const facts: { store_id: string; version: number }[] = await owner.transaction(async (manager) => {
        await manager.query(`SELECT set_config('app.store_id', '*', true)`);
        return manager.query(`SELECT store_id, version FROM product_rule_facts WHERE product_id = $1`, [productsOf[storeB][0]]);
      });
      expect(facts.every((row) => row.store_id === storeB && row.version < 99)).toBe(true);
      const members: { n: string }[] = await owner.query(`SELECT count(*) AS n FROM collection_product WHERE collection_id = $1 AND product_id = $2`, [
        automated.data.createCollection.collection.id,
        productsOf[storeB][0],
      ]);
      expect(Number(members[0].n)).toBe(0);
    });
  });
  describe('bulk operations', () => {
    const OPERATION_FIELDS = 'id status inputPartsReceived';
    const payloadOf = (name: string, input: string) =>
      `mutation ($input: ${input}!) { ${name}(input: $input) { bulkOperation { ${OPERATION_FIELDS} } userErrors { code field } } }`;
    let operationOfB: string;
    const bulkRowsOf = (storeId: string) =>
      owner.query(`SELECT id, status, input, input_parts_received, cursor, finished_at FROM bulk_operation WHERE store_id = $1 ORDER BY id`, [storeId]);

    /** Store B's import, left UPLOADING (one of its two parts sent) so no worker runs it while A tries it. */
    beforeAll(async () => {
      const started = await catalog
        .client(merchantB)
        .rawRequest<{ startProductImport: { bulkOperation: { id: string } } }>(payloadOf('startProductImport', 'StartProductImportInput'), {
          input: { jobKey: 'b-import', csv: 'Handle,Title,Variant Price\nb-mug,', parts: 2 },
        });
      operationOfB = started.data.startProductImport.bulkOperation.id;
    });

    it('keeps bulk_operation and its errors and outcomes behind row-level security', async () => {
      for (const table of ['bulk_operation', 'bulk_operation_error', 'bulk_operation_outcome']) {
        await expect(catalog.runtime.dataSource.query(`SELECT 1 FROM ${table}`)).rejects.toThrow(/no store scope/);
      }
      const seen: unknown[] = await inScope(catalog.runtime.dataSource, storeA, (manager) => manager.query(`SELECT id FROM bulk_operation`));
      expect(seen).toEqual([]);
      const insert = inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`INSERT INTO bulk_operation (store_id, kind, job_key, status) VALUES ($1, 'EXPORT', 'smuggled', 'QUEUED')`, [storeB]),
      );
      await expect(insert).rejects.toThrow(/row-level security/);
    });

    it('shows store A’s merchant none of store B’s operations and lets it neither append to nor cancel them', async () => {
      const before = await bulkRowsOf(storeB);
      const asA = catalog.client(merchantA);
      expect(
        (await asA.rawRequest<{ bulkOperation: unknown }>(`query ($id: ID!) { bulkOperation(id: $id) { id } }`, { id: operationOfB })).data.bulkOperation,
      ).toBeNull();
      expect(
        (await asA.rawRequest<{ bulkOperations: { totalCount: number } }>(`query { bulkOperations(first: 10) { totalCount } }`)).data.bulkOperations.totalCount,
      ).toBe(0);
      const appended = await asA.rawRequest<{ appendProductImportPart: { userErrors: { code: string }[] } }>(
        payloadOf('appendProductImportPart', 'AppendProductImportPartInput'),
        { input: { id: operationOfB, index: 1, csv: '9.99\n' } },
      );
      expect(appended.data.appendProductImportPart.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
      const cancelled = await asA.rawRequest<{ cancelBulkOperation: { userErrors: { code: string }[] } }>(
        payloadOf('cancelBulkOperation', 'CancelBulkOperationInput'),
        { input: { id: operationOfB } },
      );
      expect(cancelled.data.cancelBulkOperation.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
      // the same job key is store A's own: a new operation, not B's
      const own = await asA.rawRequest<{ startProductImport: { bulkOperation: { id: string } } }>(payloadOf('startProductImport', 'StartProductImportInput'), {
        input: { jobKey: 'b-import', csv: 'Handle,Title,Variant Price\nb-mug,', parts: 2 },
      });
      expect(own.data.startProductImport.bulkOperation.id).not.toBe(operationOfB);
      expect(await bulkRowsOf(storeB)).toEqual(before);
    });

    it('refuses the bulk operations to shoppers and to staff without a store', async () => {
      const shopper = await catalog
        .client(undefined, { 'x-store-id': storeB })
        .rawRequest(`query ($id: ID!) { bulkOperation(id: $id) { id } }`, { id: operationOfB });
      expect(shopper.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const customer = await catalog
        .client(tokenFor([Role.CUSTOMER], storeB))
        .rawRequest(payloadOf('startProductExport', 'StartProductExportInput'), { input: { jobKey: 'customer-export' } });
      expect(customer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const storeless = await catalog
        .client(tokenFor([Role.MERCHANT], null))
        .rawRequest<{ startProductExport: { userErrors: { code: string }[] } }>(payloadOf('startProductExport', 'StartProductExportInput'), {
          input: { jobKey: 'no-store' },
        });
      expect(storeless.data.startProductExport.userErrors.map((error) => error.code)).toEqual(['STORE_REQUIRED']);
    });
  });
});
