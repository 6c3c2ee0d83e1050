import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { catalogSubgraph } from '../src/catalog.subgraph';

const PRODUCT_FIELDS = `
  id
  version: updatedAt
  price { amount currencyCode }
  priceRange { min { amount } max { amount } }
  tags
  vendor
  productType
  options { name position values }
  variants { id position title sku barcode price { amount currencyCode } compareAtPrice { amount currencyCode } weightGrams trackInventory selectedOptions { name value } }
`;
const payload = (name: string, inputType: string) => gql`
  mutation ($input: ${inputType}!) {
    ${name}(input: $input) {
      product { ${PRODUCT_FIELDS} }
      userErrors { code field message }
    }
  }
`;
const CREATE = payload('createProduct', 'CreateProductInput');
const UPDATE = payload('updateProduct', 'UpdateProductInput');
const SET_OPTIONS = payload('setProductOptions', 'SetProductOptionsInput');
const CREATE_VARIANTS = payload('createProductVariants', 'CreateProductVariantsInput');
const UPDATE_VARIANTS = payload('updateProductVariants', 'UpdateProductVariantsInput');
const DELETE_VARIANTS = payload('deleteProductVariants', 'DeleteProductVariantsInput');
const PRODUCT = gql`
  query ($id: ID!) {
    product(id: $id) { ${PRODUCT_FIELDS} }
  }
`;
const VARIANT = gql`
  query ($id: ID!) {
    productVariant(id: $id) {
      id
      title
      product {
        id
      }
    }
  }
`;
const PRODUCTS = gql`
  query ($filter: ProductFilter) {
    products(first: 100, filter: $filter) {
      nodes {
        id
      }
    }
  }
`;
const ENTITIES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProductVariant {
        id
        title
      }
    }
  }
`;

interface Variant {
  id: string;
  position: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: { amount: number; currencyCode: string };
  compareAtPrice: { amount: number; currencyCode: string } | null;
  weightGrams: number | null;
  trackInventory: boolean;
  selectedOptions: { name: string; value: string }[];
}
interface Product {
  id: string;
  price: { amount: number; currencyCode: string };
  priceRange: { min: { amount: number }; max: { amount: number } };
  tags: string[];
  vendor: string | null;
  productType: string | null;
  options: { name: string; position: number; values: string[] }[];
  variants: Variant[];
}
interface Payload {
  product: Product | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}
interface Envelope {
  type: string;
  aggregateId: string;
  aggregateVersion: number;
  data: Record<string, unknown> & { variants: { variantId: string; title: string; options: unknown[] }[] };
}

const USD = (amount: number) => ({ amount, currencyCode: 'USD' });
const SHIRT_OPTIONS = [
  { name: 'Colour', values: ['Red', 'Blue'] },
  { name: 'Size', values: ['S', 'M', 'L'] },
];

describe('catalog: products with options and variants', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let catalog: TestSubgraph;
  let owner: DataSource;

  const mutate = async (mutation: string, input: Record<string, unknown>, token = merchantA): Promise<Payload> => {
    const result = await catalog.client(token).rawRequest<Record<string, Payload>>(mutation, { input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0];
  };
  const create = (input: Record<string, unknown>, token = merchantA) => mutate(CREATE, { price: USD(1000), status: 'ACTIVE', ...input }, token);
  const created = async (input: Record<string, unknown>, token = merchantA) => {
    const result = await create(input, token);
    expect(result.userErrors).toEqual([]);
    return result.product!;
  };
  const eventsOf = async (productId: string): Promise<Envelope[]> =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [productId])).map(
      (row: { envelope: Envelope }) => row.envelope,
    );
  /** Every row of the tables a product write touches, as the owner sees them: equal before and after a refusal. */
  const everything = async () => ({
    products: await owner.query(`SELECT * FROM product ORDER BY id`),
    options: await owner.query(`SELECT * FROM product_option ORDER BY id`),
    variants: await owner.query(`SELECT * FROM product_variant ORDER BY id`),
    events: Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n),
  });
  /** Asserts the mutation is refused with `code` and leaves every table as it was. */
  const refused = async (code: string, run: () => Promise<Payload>) => {
    const before = await everything();
    const result = await run();
    expect(result.userErrors.map((error) => error.code)).toEqual([code]);
    expect(result.product).toBeNull();
    expect(await everything()).toEqual(before);
    return result.userErrors[0];
  };
  const titles = (product: Product) => product.variants.map((variant) => variant.title);

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph);
    owner = await openOwnerConnection(catalog.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  it('gives a product without options one default variant with the product’s id, carrying the variant fields given', async () => {
    const product = await created({ title: 'Mug', sku: 'MUG-1', barcode: '4006381333931', compareAtPrice: USD(1500), weightGrams: 350, trackInventory: false });
    expect(product.options).toEqual([]);
    expect(product.variants).toEqual([
      {
        id: product.id,
        position: 0,
        title: 'Default',
        sku: 'MUG-1',
        barcode: '4006381333931',
        price: USD(1000),
        compareAtPrice: USD(1500),
        weightGrams: 350,
        trackInventory: false,
        selectedOptions: [],
      },
    ]);
    expect(product.priceRange).toEqual({ min: { amount: 1000 }, max: { amount: 1000 } });
  });

  it('creates a 2×3 product with every combination, prices each variant and keeps the product price the lowest', async () => {
    const product = await created({ title: 'T-shirt', options: SHIRT_OPTIONS, tags: [' Summer ', 'summer', 'COTTON'], vendor: 'Acme', productType: 'Shirt' });
    expect(product.tags).toEqual(['summer', 'cotton']);
    expect(product.options).toEqual([
      { name: 'Colour', position: 0, values: ['Red', 'Blue'] },
      { name: 'Size', position: 1, values: ['S', 'M', 'L'] },
    ]);
    expect(titles(product)).toEqual(['Red / S', 'Red / M', 'Red / L', 'Blue / S', 'Blue / M', 'Blue / L']);
    expect(product.variants[0].id).toBe(product.id);
    expect(product.variants[4].selectedOptions).toEqual([
      { name: 'Colour', value: 'Blue' },
      { name: 'Size', value: 'M' },
    ]);

    const [redS, , , , , blueL] = product.variants;
    const repriced = await mutate(UPDATE_VARIANTS, {
      productId: product.id,
      variants: [
        { id: redS.id, price: USD(900), sku: 'TS-RED-S' },
        { id: blueL.id, price: USD(1400), compareAtPrice: USD(1800), weightGrams: 220 },
      ],
    });
    expect(repriced.userErrors).toEqual([]);
    expect(repriced.product!.price).toEqual(USD(900));
    expect(repriced.product!.priceRange).toEqual({ min: { amount: 900 }, max: { amount: 1400 } });
    expect(repriced.product!.variants[5]).toMatchObject({ price: USD(1400), compareAtPrice: USD(1800), weightGrams: 220 });
    expect(repriced.product!.variants[0].sku).toBe('TS-RED-S');

    const events = await eventsOf(product.id);
    expect(events.map((event) => event.type)).toEqual(['catalog.product-created', 'catalog.product-updated']);
    expect(events[1].aggregateVersion).toBeGreaterThan(events[0].aggregateVersion);
    expect(events[1].data).toEqual({
      productId: product.id,
      title: 'T-shirt',
      handle: 't-shirt',
      status: 'ACTIVE',
      price: USD(900),
      category: null,
      tags: ['summer', 'cotton'],
      vendor: 'Acme',
      productType: 'Shirt',
      publishedAt: null,
      taxClass: null,
      options: [
        { name: 'Colour', position: 0, values: ['Red', 'Blue'] },
        { name: 'Size', position: 1, values: ['S', 'M', 'L'] },
      ],
      variants: product.variants.map((variant, position) => ({
        variantId: variant.id,
        position,
        title: variant.title,
        sku: position === 0 ? 'TS-RED-S' : null,
        barcode: null,
        price: USD(position === 0 ? 900 : position === 5 ? 1400 : 1000),
        compareAtPrice: position === 5 ? USD(1800) : null,
        weightGrams: position === 5 ? 220 : null,
        trackInventory: true,
        mediaId: null,
        options: variant.selectedOptions,
      })),
    });
  });

  it('creates exactly the listed combinations, each at its own price or the product’s', async () => {
    const product = await created({
      title: 'Hoodie',
      options: SHIRT_OPTIONS,
      variants: [
        {
          options: [
            { name: 'Size', value: 'M' },
            { name: 'Colour', value: 'Blue' },
          ],
          sku: 'HD-BM',
          price: USD(4000),
        },
        {
          options: [
            { name: 'Colour', value: 'Red' },
            { name: 'Size', value: 'L' },
          ],
          sku: 'HD-RL',
        },
      ],
    });
    expect(product.variants.map((variant) => [variant.title, variant.sku, variant.price.amount])).toEqual([
      ['Blue / M', 'HD-BM', 4000],
      ['Red / L', 'HD-RL', 1000],
    ]);
    expect(product.price).toEqual(USD(1000));
  });

  it('turns the default variant into the first combination when options are first set, keeping its id and SKU', async () => {
    const product = await created({ title: 'Cap', sku: 'CAP-1' });
    const optioned = await mutate(SET_OPTIONS, { productId: product.id, options: [{ name: 'Size', values: ['S', 'M', 'L'] }] });
    expect(optioned.userErrors).toEqual([]);
    expect(optioned.product!.variants.map((variant) => [variant.title, variant.sku])).toEqual([
      ['S', 'CAP-1'],
      ['M', null],
      ['L', null],
    ]);
    expect(optioned.product!.variants[0].id).toBe(product.id);

    // rename a value and the option, add a value (no variant for it yet), remove one (its variant goes)
    const [small, medium] = optioned.product!.variants;
    const renamed = await mutate(SET_OPTIONS, {
      productId: product.id,
      options: [{ name: 'Cap size', previousName: 'Size', values: ['Small', 'M', 'XL'], valueRenames: [{ from: 'S', to: 'Small' }] }],
    });
    expect(renamed.userErrors).toEqual([]);
    expect(renamed.product!.options).toEqual([{ name: 'Cap size', position: 0, values: ['Small', 'M', 'XL'] }]);
    expect(renamed.product!.variants.map((variant) => [variant.id, variant.title])).toEqual([
      [small.id, 'Small'],
      [medium.id, 'M'],
    ]);

    // a new option gives every variant its first value
    const coloured = await mutate(SET_OPTIONS, {
      productId: product.id,
      options: [
        { name: 'Cap size', values: ['Small', 'M', 'XL'] },
        { name: 'Colour', values: ['Black', 'White'] },
      ],
    });
    expect(titles(coloured.product!)).toEqual(['Small / Black', 'M / Black']);
    const added = await mutate(CREATE_VARIANTS, {
      productId: product.id,
      variants: [
        {
          options: [
            { name: 'Colour', value: 'White' },
            { name: 'Cap size', value: 'XL' },
          ],
          price: USD(1200),
          sku: 'CAP-XL-W',
        },
      ],
    });
    expect(titles(added.product!)).toEqual(['Small / Black', 'M / Black', 'XL / White']);
    expect(added.product!.priceRange).toEqual({ min: { amount: 1000 }, max: { amount: 1200 } });

    // back to no options: the first variant stays, as the default variant, with its id
    const plain = await mutate(SET_OPTIONS, { productId: product.id, options: [] });
    expect(plain.product!.options).toEqual([]);
    expect(plain.product!.variants).toEqual([expect.objectContaining({ id: product.id, title: 'Default', sku: 'CAP-1', selectedOptions: [] })]);
    const versions = (await eventsOf(product.id)).map((event) => event.aggregateVersion);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect((await eventsOf(product.id)).at(-1)!.data.variants).toEqual([expect.objectContaining({ variantId: product.id, title: 'Default', options: [] })]);
  });

  it('removes the variants of a removed value, and deletes variants but never the last one', async () => {
    const product = await created({ title: 'Scarf', options: [{ name: 'Colour', values: ['Red', 'Blue', 'Green'] }] });
    const withoutGreen = await mutate(SET_OPTIONS, { productId: product.id, options: [{ name: 'Colour', values: ['Red', 'Blue'] }] });
    expect(titles(withoutGreen.product!)).toEqual(['Red', 'Blue']);
    const [red, blue] = withoutGreen.product!.variants;
    const deleted = await mutate(DELETE_VARIANTS, { productId: product.id, variantIds: [red.id] });
    expect(deleted.product!.variants.map((variant) => [variant.id, variant.position])).toEqual([[blue.id, 0]]);
    await refused('LAST_VARIANT', () => mutate(DELETE_VARIANTS, { productId: product.id, variantIds: [blue.id] }));
    await refused('LAST_VARIANT', () => mutate(SET_OPTIONS, { productId: product.id, options: [{ name: 'Colour', values: ['Red'] }] }));
  });

  it('moves a variant to a free combination and refuses one another variant has', async () => {
    const product = await created({
      title: 'Sock',
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
      variants: [{ options: [{ name: 'Size', value: 'S' }] }, { options: [{ name: 'Size', value: 'M' }] }],
    });
    const [small, medium] = product.variants;
    const swapped = await mutate(UPDATE_VARIANTS, {
      productId: product.id,
      variants: [
        { id: small.id, options: [{ name: 'Size', value: 'M' }] },
        { id: medium.id, options: [{ name: 'Size', value: 'S' }] },
      ],
    });
    expect(swapped.userErrors).toEqual([]);
    expect(swapped.product!.variants.map((variant) => [variant.id, variant.title])).toEqual([
      [small.id, 'M'],
      [medium.id, 'S'],
    ]);
    const error = await refused('DUPLICATE_VARIANT', () =>
      mutate(UPDATE_VARIANTS, { productId: product.id, variants: [{ id: small.id, options: [{ name: 'Size', value: 'S' }] }] }),
    );
    expect(error.field).toEqual(['input', 'variants', '0', 'options']);
  });

  describe('refusals: a clear code and nothing written', () => {
    let shirt: Product;
    beforeAll(async () => {
      shirt = await created({
        title: 'Refusal shirt',
        options: SHIRT_OPTIONS,
        variants: [
          {
            options: [
              { name: 'Colour', value: 'Red' },
              { name: 'Size', value: 'S' },
            ],
            sku: 'REF-1',
          },
        ],
      });
    });

    it('TOO_MANY_OPTIONS, TOO_MANY_OPTION_VALUES, TOO_MANY_VARIANTS, INVALID_OPTIONS', async () => {
      const four = ['A', 'B', 'C', 'D'].map((name) => ({ name, values: ['x'] }));
      expect((await refused('TOO_MANY_OPTIONS', () => create({ title: 'Four', options: four }))).field).toEqual(['input', 'options']);
      await refused('TOO_MANY_OPTIONS', () => mutate(SET_OPTIONS, { productId: shirt.id, options: four }));
      const values = (count: number) => Array.from({ length: count }, (_, index) => `v${index}`);
      await refused('TOO_MANY_OPTION_VALUES', () => create({ title: 'Many', options: [{ name: 'Size', values: values(101) }] }));
      // 16 × 16 = 256 combinations
      await refused('TOO_MANY_VARIANTS', () =>
        create({
          title: 'Grid',
          options: [
            { name: 'A', values: values(16) },
            { name: 'B', values: values(16) },
          ],
        }),
      );
      const plain = await created({ title: 'Plain' });
      await refused('TOO_MANY_VARIANTS', () =>
        mutate(SET_OPTIONS, {
          productId: plain.id,
          options: [
            { name: 'A', values: values(100) },
            { name: 'B', values: values(3) },
          ],
        }),
      );
      await refused('INVALID_OPTIONS', () => create({ title: 'Twice', options: [{ name: 'Size', values: ['S', 'S'] }] }));
      const error = await refused('SKU_PER_VARIANT', () => create({ title: 'One SKU for many', sku: 'MANY', options: [{ name: 'Size', values: ['S', 'M'] }] }));
      expect(error.field).toEqual(['input', 'sku']);
      await refused('INVALID_OPTIONS', () =>
        create({
          title: 'Same name',
          options: [
            { name: 'Size', values: ['S'] },
            { name: 'size', values: ['M'] },
          ],
        }),
      );
    });

    it('INVALID_VARIANT_OPTIONS, DUPLICATE_VARIANT, PRICE_REQUIRED, CURRENCY_MISMATCH', async () => {
      const variant = (options: { name: string; value: string }[], extra: Record<string, unknown> = {}) => ({ options, price: USD(500), ...extra });
      const missingSize = [{ name: 'Colour', value: 'Red' }];
      const unknownValue = [
        { name: 'Colour', value: 'Green' },
        { name: 'Size', value: 'S' },
      ];
      const extraOption = [
        { name: 'Colour', value: 'Red' },
        { name: 'Size', value: 'S' },
        { name: 'Fit', value: 'Slim' },
      ];
      for (const options of [missingSize, unknownValue, extraOption]) {
        await refused('INVALID_VARIANT_OPTIONS', () => mutate(CREATE_VARIANTS, { productId: shirt.id, variants: [variant(options)] }));
        await refused('INVALID_VARIANT_OPTIONS', () => create({ title: 'Bad combination', options: SHIRT_OPTIONS, variants: [variant(options)] }));
      }
      const blueM = [
        { name: 'Colour', value: 'Blue' },
        { name: 'Size', value: 'M' },
      ];
      const error = await refused('DUPLICATE_VARIANT', () =>
        mutate(CREATE_VARIANTS, { productId: shirt.id, variants: [variant(blueM), variant([...blueM].reverse())] }),
      );
      expect(error.field).toEqual(['input', 'variants', '1', 'options']);
      await refused('DUPLICATE_VARIANT', () =>
        mutate(CREATE_VARIANTS, {
          productId: shirt.id,
          variants: [
            variant([
              { name: 'Colour', value: 'Red' },
              { name: 'Size', value: 'S' },
            ]),
          ],
        }),
      );
      await refused('DUPLICATE_VARIANT', () => create({ title: 'Twice', options: SHIRT_OPTIONS, variants: [variant(blueM), variant(blueM)] }));
      await refused('PRICE_REQUIRED', () => mutate(CREATE_VARIANTS, { productId: shirt.id, variants: [{ options: blueM }] }));
      await refused('CURRENCY_MISMATCH', () =>
        mutate(CREATE_VARIANTS, { productId: shirt.id, variants: [variant(blueM, { price: { amount: 500, currencyCode: 'EUR' } })] }),
      );
      await refused('CURRENCY_MISMATCH', () =>
        mutate(CREATE_VARIANTS, { productId: shirt.id, variants: [variant(blueM, { compareAtPrice: { amount: 900, currencyCode: 'EUR' } })] }),
      );
      await refused('CURRENCY_MISMATCH', () => create({ title: 'Euro compare', compareAtPrice: { amount: 900, currencyCode: 'EUR' } }));
      await refused('CURRENCY_MISMATCH', () =>
        mutate(UPDATE_VARIANTS, { productId: shirt.id, variants: [{ id: shirt.variants[0].id, price: { amount: 1, currencyCode: 'GBP' } }] }),
      );
    });

    it('SKU_TAKEN within the store (in one request or against an existing variant), while another store may use the SKU', async () => {
      const first = await refused('SKU_TAKEN', () => create({ title: 'Copy', sku: 'REF-1' }));
      expect(first.field).toEqual(['input', 'sku']);
      const blueM = [
        { name: 'Colour', value: 'Blue' },
        { name: 'Size', value: 'M' },
      ];
      const blueL = [
        { name: 'Colour', value: 'Blue' },
        { name: 'Size', value: 'L' },
      ];
      const listed = await refused('SKU_TAKEN', () =>
        mutate(CREATE_VARIANTS, {
          productId: shirt.id,
          variants: [
            { options: blueL, price: USD(1), sku: 'NEW' },
            { options: blueM, price: USD(1), sku: 'REF-1' },
          ],
        }),
      );
      expect(listed.field).toEqual(['input', 'variants', '1', 'sku']);
      await refused('SKU_TAKEN', () =>
        mutate(CREATE_VARIANTS, {
          productId: shirt.id,
          variants: [
            { options: blueL, price: USD(1), sku: 'X' },
            { options: blueM, price: USD(1), sku: 'X' },
          ],
        }),
      );
      const mug = await created({ title: 'Sku mug', sku: 'MUG-SKU' });
      await refused('SKU_TAKEN', () => mutate(UPDATE_VARIANTS, { productId: mug.id, variants: [{ id: mug.id, sku: 'REF-1' }] }));
      expect((await create({ title: 'Other store', sku: 'REF-1' }, merchantB)).userErrors).toEqual([]);
    });

    it('SKU_TAKEN under concurrency: of two creates with one new SKU, exactly one succeeds', async () => {
      const sku = `RACE-${randomUUID()}`;
      const results = await Promise.all([create({ title: 'Racer one', sku }), create({ title: 'Racer two', sku })]);
      expect(results.map((result) => result.userErrors.map((error) => error.code)).sort()).toEqual([[], ['SKU_TAKEN']]);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM product_variant WHERE sku = $1`, [sku]))[0].n)).toBe(1);
      const loser = results.find((result) => result.product === null)!;
      expect(loser.userErrors[0].field).toEqual(['input', 'sku']);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM product WHERE title = ANY($1)`, [['Racer one', 'Racer two']]))[0].n)).toBe(1);
    });

    it('money outside the limits is BAD_USER_INPUT, naming the field, and writes nothing', async () => {
      const before = await everything();
      const result = await catalog.client(merchantA).rawRequest(CREATE, {
        input: {
          title: 'Too dear',
          price: USD(1000),
          options: [{ name: 'Size', values: ['S'] }],
          variants: [{ options: [{ name: 'Size', value: 'S' }], price: USD(10_000_000_001), compareAtPrice: USD(-1) }],
        },
      });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const fields = (result.errors![0].extensions!.fields as { field: string[] }[]).map((field) => field.field.join('.'));
      expect(fields).toEqual(expect.arrayContaining(['input.variants.0.price.amount', 'input.variants.0.compareAtPrice.amount']));
      expect(await everything()).toEqual(before);
    });

    it('NOT_FOUND for another product’s variant', async () => {
      const other = await created({ title: 'Not this one' });
      await refused('NOT_FOUND', () => mutate(UPDATE_VARIANTS, { productId: shirt.id, variants: [{ id: other.id, price: USD(1) }] }));
      await refused('NOT_FOUND', () => mutate(DELETE_VARIANTS, { productId: shirt.id, variantIds: [other.id] }));
    });
  });

  describe('reading variants', () => {
    it('resolves productVariant(id) and ProductVariant references as their product is visible: drafts and scheduled products for staff only', async () => {
      const live = await created({ title: 'Live', options: [{ name: 'Size', values: ['S', 'M'] }] });
      const draft = await created({ title: 'Draft', status: 'DRAFT' });
      const scheduled = await created({ title: 'Scheduled', publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
      const published = await created({ title: 'Published', publishedAt: new Date(Date.now() - 60_000).toISOString() });
      const shopper = { 'x-store-id': storeA };
      const variant = async (id: string, token?: string, headers: Record<string, string> = {}) =>
        (await catalog.client(token, headers).rawRequest<{ productVariant: { id: string; title: string; product: { id: string } } | null }>(VARIANT, { id }))
          .data.productVariant;

      expect(await variant(live.variants[1].id, undefined, shopper)).toEqual({ id: live.variants[1].id, title: 'M', product: { id: live.id } });
      expect(await variant(published.id, undefined, shopper)).toMatchObject({ id: published.id, title: 'Default' });
      for (const hidden of [draft, scheduled]) {
        expect(await variant(hidden.id, undefined, shopper)).toBeNull();
        expect(await variant(hidden.id, merchantA)).toMatchObject({ id: hidden.id });
        expect((await catalog.client(undefined, shopper).rawRequest<{ product: unknown }>(PRODUCT, { id: hidden.id })).data.product).toBeNull();
      }
      const listed = (await catalog.client(undefined, shopper).rawRequest<{ products: { nodes: { id: string }[] } }>(PRODUCTS, {})).data.products.nodes.map(
        (node) => node.id,
      );
      expect(listed).toEqual(expect.arrayContaining([live.id, published.id]));
      expect(listed).not.toContain(scheduled.id);
      expect(listed).not.toContain(draft.id);

      const entities = await catalog.client(undefined, shopper).rawRequest<{ _entities: unknown[] }>(ENTITIES, {
        representations: [live.variants[0].id, draft.id, scheduled.id, randomUUID(), 'not-a-uuid'].map((id) => ({ __typename: 'ProductVariant', id })),
      });
      expect(entities.data._entities).toEqual([{ id: live.variants[0].id, title: 'S' }, null, null, null, null]);
      // another store's shopper and merchant see nothing of store A's variants
      expect(await variant(live.variants[0].id, merchantB)).toBeNull();
      expect(await variant(live.variants[0].id, undefined, { 'x-store-id': storeB })).toBeNull();
    });

    it('filters products by tags, vendor, product type and any variant’s SKU', async () => {
      const storeC = randomUUID();
      const merchantC = tokenFor([Role.MERCHANT], storeC);
      const linen = await created(
        {
          title: 'Linen shirt',
          tags: ['Summer', 'linen'],
          vendor: 'Acme',
          productType: 'Shirt',
          options: [{ name: 'Size', values: ['S', 'M'] }],
          variants: [
            { options: [{ name: 'Size', value: 'S' }], sku: 'LIN-S' },
            { options: [{ name: 'Size', value: 'M' }], sku: 'LIN-M' },
          ],
        },
        merchantC,
      );
      const wool = await created({ title: 'Wool jumper', tags: ['winter'], vendor: 'Knit Co', productType: 'Jumper', sku: 'WOOL-1' }, merchantC);
      const ids = async (filter: Record<string, unknown>) =>
        (
          await catalog.client(undefined, { 'x-store-id': storeC }).rawRequest<{ products: { nodes: { id: string }[] } }>(PRODUCTS, { filter })
        ).data.products.nodes.map((node) => node.id);
      expect(await ids({ tags: ['SUMMER'] })).toEqual([linen.id]);
      expect(await ids({ tags: ['summer', 'winter'] })).toEqual([]);
      expect(await ids({ vendor: 'Knit Co' })).toEqual([wool.id]);
      expect(await ids({ productType: 'Shirt' })).toEqual([linen.id]);
      expect(await ids({ sku: 'LIN-M' })).toEqual([linen.id]);
      expect(await ids({ sku: 'LIN' })).toEqual([]);
    });
  });

  it('lets updateProduct change the new fields, replace tags and reprice every variant', async () => {
    const product = await created({ title: 'Bag', tags: ['a'], options: [{ name: 'Colour', values: ['Black', 'Tan'] }] });
    const updated = await mutate(UPDATE, { id: product.id, tags: ['B', 'c'], vendor: 'Leather Ltd', productType: null, price: USD(5000) });
    expect(updated.product).toMatchObject({ tags: ['b', 'c'], vendor: 'Leather Ltd', productType: null, price: USD(5000) });
    expect(updated.product!.variants.map((variant) => variant.price.amount)).toEqual([5000, 5000]);
  });
});
