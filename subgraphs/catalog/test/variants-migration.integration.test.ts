import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { ProductVariants1763769620100 } from '../src/migrations/1763769620100-product-variants';

/** The catalog as it was before variants: every migration up to the variants one (later ones build on it). */
const beforeVariants = {
  ...catalogSubgraph,
  migrations: catalogSubgraph.migrations.slice(0, catalogSubgraph.migrations.indexOf(ProductVariants1763769620100)),
};

describe('catalog migration 1763769620100: existing products carried over to variants', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const oldProducts = [
    { id: randomUUID(), store: storeA, title: 'Old kettle', handle: 'old-kettle', status: 'ACTIVE', price: 2500, currency: 'EUR' },
    { id: randomUUID(), store: storeA, title: 'Old draft', handle: 'old-draft', status: 'DRAFT', price: 100, currency: 'EUR' },
    { id: randomUUID(), store: storeB, title: 'Old lamp', handle: 'old-lamp', status: 'ACTIVE', price: 3_000_000_000, currency: 'USD' },
  ];
  let catalog: TestSubgraph;
  let owner: DataSource;

  beforeAll(async () => {
    const old = await startTestSubgraph(beforeVariants);
    const oldOwner = await openOwnerConnection(old.runtime.config);
    await oldOwner.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.store_id', '*', true)`);
      for (const product of oldProducts) {
        await manager.query(
          `INSERT INTO product (id, store_id, title, handle, status, price_amount, currency_code, category) VALUES ($1, $2, $3, $4, $5, $6, $7, 'Legacy')`,
          [product.id, product.store, product.title, product.handle, product.status, product.price, product.currency],
        );
      }
    });
    expect((await oldOwner.query(`SELECT to_regclass('product_variant') AS t`))[0].t).toBeNull();
    await oldOwner.destroy();
    await old.stop();
    // the same database, started by today's catalog: the variants migration runs over the old rows
    catalog = await startTestSubgraph(catalogSubgraph, { DATABASE_NAME: old.runtime.config.database.name, EVENT_NAMESPACE: old.suite });
    owner = await openOwnerConnection(catalog.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  it('gives every existing product one default variant with the product’s id, price and store', async () => {
    const variants = await owner.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.store_id', '*', true)`);
      return manager.query(
        `SELECT id, store_id, product_id, position, title, sku, price_amount::text AS price, currency_code, track_inventory, option_values FROM product_variant ORDER BY price_amount`,
      );
    });
    expect(variants).toEqual(
      [...oldProducts]
        .sort((a, b) => a.price - b.price)
        .map((product) => ({
          id: product.id,
          store_id: product.store,
          product_id: product.id,
          position: 0,
          title: 'Default',
          sku: null,
          price: String(product.price),
          currency_code: product.currency,
          track_inventory: true,
          option_values: [],
        })),
    );
    const products = await owner.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.store_id', '*', true)`);
      return manager.query(`SELECT tags, vendor, published_at, category FROM product`);
    });
    expect(products).toEqual(oldProducts.map(() => ({ tags: [], vendor: null, published_at: null, category: 'Legacy' })));
  });

  it('keeps the old product id reachable as a variant id, under the same visibility and store isolation', async () => {
    const [kettle, draft, lamp] = oldProducts;
    const read = async (id: string, token?: string, headers: Record<string, string> = {}) =>
      (
        await catalog
          .client(token, headers)
          .rawRequest<{ productVariant: { id: string; title: string; price: { amount: number }; product: { id: string } } | null }>(
            gql`
              query ($id: ID!) {
                productVariant(id: $id) {
                  id
                  title
                  price {
                    amount
                  }
                  product {
                    id
                  }
                }
              }
            `,
            { id },
          )
      ).data.productVariant;
    expect(await read(kettle.id, undefined, { 'x-store-id': storeA })).toEqual({
      id: kettle.id,
      title: 'Default',
      price: { amount: 2500 },
      product: { id: kettle.id },
    });
    expect(await read(lamp.id, undefined, { 'x-store-id': storeB })).toMatchObject({ price: { amount: 3_000_000_000 } });
    expect(await read(draft.id, undefined, { 'x-store-id': storeA })).toBeNull();
    expect(await read(draft.id, tokenFor([Role.MERCHANT], storeA))).toMatchObject({ id: draft.id });
    expect(await read(lamp.id, undefined, { 'x-store-id': storeA })).toBeNull();
  });

  it('lets the merchant give a carried-over product options: its variant keeps its id as the first combination', async () => {
    const [kettle] = oldProducts;
    const result = await catalog.client(tokenFor([Role.MERCHANT], storeA)).rawRequest<{
      setProductOptions: { product: { variants: { id: string; title: string }[] }; userErrors: unknown[] };
    }>(
      gql`
        mutation ($input: SetProductOptionsInput!) {
          setProductOptions(input: $input) {
            product {
              variants {
                id
                title
              }
            }
            userErrors {
              code
            }
          }
        }
      `,
      { input: { productId: kettle.id, options: [{ name: 'Colour', values: ['Steel', 'Copper'] }] } },
    );
    expect(result.data.setProductOptions.userErrors).toEqual([]);
    expect(result.data.setProductOptions.product.variants.map((variant) => variant.title)).toEqual(['Steel', 'Copper']);
    expect(result.data.setProductOptions.product.variants[0].id).toBe(kettle.id);
  });
});
