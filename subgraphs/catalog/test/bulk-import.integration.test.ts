import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { claimBulkOperation, runBulkOperation, SimulatedCrash, type BulkWorkerSettings } from '../src/bulk/bulk-worker';
import { toCsv } from '../src/bulk/csv';

const OPERATION_FIELDS = `id kind jobKey status dryRun totalRows processedRows succeededRows failedRows failure resultCsv errors { line column code message }`;
const START_IMPORT = gql`
  mutation ($input: StartProductImportInput!) {
    startProductImport(input: $input) { bulkOperation { ${OPERATION_FIELDS} } userErrors { code field message } }
  }
`;
const START_EXPORT = gql`
  mutation ($input: StartProductExportInput!) {
    startProductExport(input: $input) { bulkOperation { ${OPERATION_FIELDS} } userErrors { code field message } }
  }
`;
const APPEND = gql`
  mutation ($input: AppendProductImportPartInput!) {
    appendProductImportPart(input: $input) { bulkOperation { ${OPERATION_FIELDS} } userErrors { code field message } }
  }
`;
const CANCEL = gql`
  mutation ($input: CancelBulkOperationInput!) {
    cancelBulkOperation(input: $input) { bulkOperation { ${OPERATION_FIELDS} } userErrors { code field message } }
  }
`;
const OPERATION = gql`
  query ($id: ID!) { bulkOperation(id: $id) { ${OPERATION_FIELDS} } }
`;
const OPERATIONS = gql`
  query {
    bulkOperations(first: 10) {
      nodes {
        id
      }
      totalCount
    }
  }
`;
const PRODUCTS = gql`
  query {
    products(first: 100, sort: { field: TITLE, direction: ASC }) {
      nodes {
        handle
        title
        description
        status
        tags
        vendor
        productType
        seoTitle
        seoDescription
        options {
          name
          position
          values
        }
        variants {
          title
          sku
          barcode
          price {
            amount
            currencyCode
          }
          compareAtPrice {
            amount
          }
          weightGrams
          selectedOptions {
            name
            value
          }
        }
      }
    }
  }
`;

interface Operation {
  id: string;
  status: string;
  jobKey: string;
  totalRows: number;
  processedRows: number;
  succeededRows: number;
  failedRows: number;
  failure: string | null;
  resultCsv: string | null;
  errors: { line: number; column: string | null; code: string; message: string }[];
}
interface Payload {
  bulkOperation: Operation | null;
  userErrors: { code: string }[];
}

const HEADER = [
  'Handle',
  'Title',
  'Body (HTML)',
  'Vendor',
  'Type',
  'Tags',
  'Published',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Option3 Name',
  'Option3 Value',
  'Variant SKU',
  'Variant Grams',
  'Variant Inventory Qty',
  'Variant Price',
  'Variant Compare At Price',
  'Variant Requires Shipping',
  'Variant Taxable',
  'Variant Barcode',
  'Image Src',
  'Image Alt Text',
  'SEO Title',
  'SEO Description',
  'Status',
];
type Row = Partial<Record<(typeof HEADER)[number], string>>;
const csvOf = (rows: Row[]) => toCsv([HEADER, ...rows.map((row) => HEADER.map((column) => row[column] ?? ''))]);

/** Shopify's layout of a 2×3 T-shirt: product fields on the first row, one row per variant. */
const shirtRows = (handle = 'classic-tee', skuPrefix = 'TEE'): Row[] =>
  ['Red', 'Blue'].flatMap((colour, c) =>
    ['S', 'M', 'L'].map((size, s) => ({
      Handle: handle,
      ...(c === 0 && s === 0
        ? {
            Title: 'Classic Tee',
            'Body (HTML)': '<p>Soft, "heavy" cotton,\nmade to last</p>',
            Vendor: 'Acme',
            Type: 'Shirts',
            Tags: 'Summer, Cotton',
            Published: 'TRUE',
            'Option1 Name': 'Colour',
            'Option2 Name': 'Size',
            'SEO Title': 'Classic Tee',
            Status: 'active',
          }
        : {}),
      'Option1 Value': colour,
      'Option2 Value': size,
      'Variant SKU': `${skuPrefix}-${colour[0]}${size}`,
      'Variant Grams': '200',
      'Variant Inventory Qty': String(10 * c + s),
      'Variant Price': s === 2 ? '21.50' : '19.99',
      'Variant Compare At Price': c === 1 ? '25' : '',
      'Variant Barcode': `400638133${c}${s}`,
    })),
  );
const mugRows = (handle = 'mug'): Row[] => [
  {
    Handle: handle,
    Title: 'Mug',
    'Option1 Name': 'Title',
    'Option1 Value': 'Default Title',
    'Variant SKU': `${handle.toUpperCase()}-1`,
    'Variant Price': '8',
    Status: 'draft',
  },
];

describe('catalog: bulk product import and export', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  const settings: BulkWorkerSettings = { leaseMs: 60_000, progressIntervalMs: 0, batchSize: 50 };
  let catalog: TestSubgraph;
  let owner: DataSource;

  const request = async <T>(query: string, variables: Record<string, unknown> = {}, token = merchantA): Promise<T> => {
    const result = await catalog.client(token).rawRequest<Record<string, T>>(query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0];
  };
  const startImport = (csv: string, input: Record<string, unknown> = {}, token = merchantA) =>
    request<Payload>(START_IMPORT, { input: { jobKey: randomUUID(), csv, ...input } }, token);
  const operation = (id: string, token = merchantA) => request<Operation | null>(OPERATION, { id }, token);
  /** Runs every queued job to its end, as the background worker would. */
  const work = async (workerSettings = settings) => {
    const workerId = randomUUID();
    for (
      let job = await claimBulkOperation(catalog.runtime, workerId, workerSettings.leaseMs);
      job;
      job = await claimBulkOperation(catalog.runtime, workerId, workerSettings.leaseMs)
    ) {
      await runBulkOperation(catalog.runtime, job, workerId, workerSettings);
    }
  };
  const imported = async (csv: string, token = merchantA) => {
    const started = await startImport(csv, {}, token);
    expect(started.userErrors).toEqual([]);
    await work();
    return (await operation(started.bulkOperation!.id, token))!;
  };
  const products = (token = merchantA) => request<{ nodes: Record<string, unknown>[] }>(PRODUCTS, {}, token).then((connection) => connection.nodes);
  const outbox = async (type: string, storeId: string) =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = $1 AND envelope->>'storeId' = $2 ORDER BY seq`, [type, storeId])).map(
      (row: { envelope: { aggregateId: string; data: Record<string, unknown> } }) => row.envelope,
    );

  beforeAll(async () => {
    // the tests run the worker themselves, so the background one is left out
    catalog = await startTestSubgraph({ ...catalogSubgraph, jobs: [] });
    owner = await openOwnerConnection(catalog.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });
  beforeEach(async () => {
    await owner.query(`TRUNCATE product, product_option, product_variant, bulk_operation, outbox_event CASCADE`);
  });

  it('imports a 2×3 product from Shopify rows: options, six variants with their prices and SKUs, tags, and its stock as an event', async () => {
    const done = await imported(csvOf([...shirtRows(), ...mugRows()]));
    expect(done).toMatchObject({ status: 'COMPLETED', totalRows: 7, processedRows: 7, succeededRows: 7, failedRows: 0, errors: [] });
    const [shirt, mug] = await products();
    expect(shirt).toMatchObject({
      handle: 'classic-tee',
      title: 'Classic Tee',
      description: '<p>Soft, "heavy" cotton,\nmade to last</p>',
      status: 'ACTIVE',
      tags: ['summer', 'cotton'],
      vendor: 'Acme',
      productType: 'Shirts',
      seoTitle: 'Classic Tee',
      options: [
        { name: 'Colour', position: 0, values: ['Red', 'Blue'] },
        { name: 'Size', position: 1, values: ['S', 'M', 'L'] },
      ],
    });
    const variants = shirt.variants as {
      title: string;
      sku: string;
      price: { amount: number };
      compareAtPrice: { amount: number } | null;
      weightGrams: number;
    }[];
    expect(variants.map((variant) => [variant.title, variant.sku, variant.price.amount, variant.compareAtPrice?.amount ?? null, variant.weightGrams])).toEqual([
      ['Red / S', 'TEE-RS', 1999, null, 200],
      ['Red / M', 'TEE-RM', 1999, null, 200],
      ['Red / L', 'TEE-RL', 2150, null, 200],
      ['Blue / S', 'TEE-BS', 1999, 2500, 200],
      ['Blue / M', 'TEE-BM', 1999, 2500, 200],
      ['Blue / L', 'TEE-BL', 2150, 2500, 200],
    ]);
    expect(mug).toMatchObject({
      handle: 'mug',
      status: 'DRAFT',
      options: [],
      variants: [{ title: 'Default', sku: 'MUG-1', price: { amount: 800, currencyCode: 'USD' } }],
    });
    expect((await outbox('catalog.product-created', storeA)).map((event: { data: { handle: string } }) => event.data.handle).sort()).toEqual([
      'classic-tee',
      'mug',
    ]);
    const [stock] = await outbox('catalog.inventory-imported', storeA);
    expect((stock.data.levels as { sku: string; onHand: number }[]).map((level) => [level.sku, level.onHand])).toEqual([
      ['TEE-RS', 0],
      ['TEE-RM', 1],
      ['TEE-RL', 2],
      ['TEE-BS', 10],
      ['TEE-BM', 11],
      ['TEE-BL', 12],
    ]);
    // the description's line break makes the shirt's first row lines 2–3, so the mug is on line 9
    expect(done.resultCsv!.split('\r\n').map((line) => line.split(',').slice(0, 3))).toEqual([
      ['Line', 'Handle', 'Outcome'],
      ['2', 'classic-tee', 'CREATED'],
      ['9', 'mug', 'CREATED'],
      [''],
    ]);
  });

  it('refuses bad rows with their line and column and writes nothing of their product, while the other products go ahead', async () => {
    const bad = shirtRows('bad-tee', 'BAD');
    bad[2]['Variant Price'] = 'twelve';
    bad[4]['Variant Grams'] = '1.5';
    const taken = mugRows('taken');
    taken[0]['Variant SKU'] = 'MUG-1';
    const done = await imported(csvOf([...mugRows(), ...bad, ...taken]));
    expect(done).toMatchObject({ status: 'COMPLETED', totalRows: 8, succeededRows: 1, failedRows: 7 });
    // line 1 the header, 2 the mug, 3–4 the bad shirt's first row (a line break in its description)
    expect(done.errors).toEqual([
      { line: 6, column: 'Variant Price', code: 'IMPORT_INVALID_VALUE', message: 'Variant Price must be a decimal amount such as 19.99' },
      { line: 8, column: 'Variant Grams', code: 'IMPORT_INVALID_VALUE', message: 'Variant Grams must be a whole number' },
      { line: 10, column: 'Variant SKU', code: 'SKU_TAKEN', message: expect.stringContaining('MUG-1') },
    ]);
    expect((await products()).map((product) => product.handle)).toEqual(['mug']);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM product_variant`))[0].n)).toBe(1);
    expect((await outbox('catalog.product-created', storeA)).map((event: { data: { handle: string } }) => event.data.handle)).toEqual(['mug']);
  });

  it('fails a file it cannot read as a whole, naming the line of the open quote', async () => {
    const done = await imported(`Handle,Title\nmug,"Mug\n`);
    expect(done).toMatchObject({ status: 'FAILED', failure: expect.stringContaining('line 2'), errors: [{ line: 2, code: 'IMPORT_MALFORMED_CSV' }] });
    expect(await products()).toEqual([]);
  });

  it('answers the same operation for the same job key, and refuses the key for another file', async () => {
    const csv = csvOf(mugRows());
    const first = await startImport(csv, { jobKey: 'spring-catalogue' });
    const again = await startImport(csv, { jobKey: 'spring-catalogue' });
    expect(again.bulkOperation!.id).toBe(first.bulkOperation!.id);
    expect((await startImport(csvOf(mugRows('other')), { jobKey: 'spring-catalogue' })).userErrors.map((error) => error.code)).toEqual(['JOB_KEY_REUSED']);
    await work();
    const rerun = await startImport(csv, { jobKey: 'spring-catalogue' });
    expect(rerun.bulkOperation).toMatchObject({ id: first.bulkOperation!.id, status: 'COMPLETED' });
    await work();
    expect(await products()).toHaveLength(1);
    expect(await outbox('catalog.product-created', storeA)).toHaveLength(1);
    // the same key is another store's own
    expect((await startImport(csv, { jobKey: 'spring-catalogue' }, merchantB)).bulkOperation!.id).not.toBe(first.bulkOperation!.id);
  });

  it('resumes an import after a crash in the middle of a batch from its cursor, writing every product once', async () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].flatMap((letter) => mugRows(`mug-${letter}`));
    const started = await startImport(csvOf(rows));
    // batches [a, b] [c, d] [e]: the crash comes after c was written, before its batch commits
    await expect(work({ ...settings, batchSize: 2, crashAfterProducts: 3 })).rejects.toThrow(SimulatedCrash);
    expect(await operation(started.bulkOperation!.id)).toMatchObject({ status: 'RUNNING', processedRows: 2 });
    expect((await products()).map((product) => product.handle).sort()).toEqual(['mug-a', 'mug-b']);
    expect(await outbox('catalog.product-created', storeA)).toHaveLength(2);
    // another worker may take it only once the crashed one's lease has run out
    await work();
    expect(await operation(started.bulkOperation!.id)).toMatchObject({ status: 'RUNNING', processedRows: 2 });
    await owner.query(`UPDATE bulk_operation SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [started.bulkOperation!.id]);
    await work({ ...settings, batchSize: 2 });
    const done = (await operation(started.bulkOperation!.id))!;
    expect(done).toMatchObject({ status: 'COMPLETED', processedRows: 5, succeededRows: 5, failedRows: 0 });
    expect((await products()).map((product) => product.handle).sort()).toEqual(['mug-a', 'mug-b', 'mug-c', 'mug-d', 'mug-e']);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM product_variant`))[0].n)).toBe(5);
    expect((await outbox('catalog.product-created', storeA)).map((event: { data: { handle: string } }) => event.data.handle)).toEqual([
      'mug-a',
      'mug-b',
      'mug-c',
      'mug-d',
      'mug-e',
    ]);
    expect(done.resultCsv!.split('\r\n').filter((line) => line.includes('CREATED'))).toHaveLength(5);
  });

  it('writes a batch in one transaction, each product in a savepoint: one failing halfway writes and emits nothing, its batch-mates are committed', async () => {
    // the shirt's product row and options are written before its variants hit mug-a's SKU
    const clashing = shirtRows('clashing-tee', 'CLASH');
    clashing[3]['Variant SKU'] = 'MUG-A-1';
    const started = await startImport(csvOf([...mugRows('mug-a'), ...mugRows('mug-b'), ...clashing, ...mugRows('mug-d'), ...mugRows('mug-e')]));
    await work();
    const done = (await operation(started.bulkOperation!.id))!;
    expect(done).toMatchObject({ status: 'COMPLETED', totalRows: 10, processedRows: 10, succeededRows: 4, failedRows: 6 });
    // lines: 1 header, 2–3 mugs, 4–5 the shirt's first row (a line break in its description), so its fourth variant is line 8
    expect(done.errors).toEqual([{ line: 8, column: 'Variant SKU', code: 'SKU_TAKEN', message: expect.stringContaining('MUG-A-1') }]);
    expect((await products()).map((product) => product.handle).sort()).toEqual(['mug-a', 'mug-b', 'mug-d', 'mug-e']);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM product_option WHERE name = 'Colour'`))[0].n)).toBe(0);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM product_variant`))[0].n)).toBe(4);
    // one transaction wrote all four: now() is its start time (rows of a savepoint have the savepoint's own xmin)
    expect(await owner.query(`SELECT DISTINCT created_at FROM product`)).toHaveLength(1);
    const created = await outbox('catalog.product-created', storeA);
    expect(created.map((event: { data: { handle: string } }) => event.data.handle)).toEqual(['mug-a', 'mug-b', 'mug-d', 'mug-e']);
    // each event as the product reads: its version, its variant
    const stored: { id: string; version: number; variant_id: string }[] = await owner.query(
      `SELECT p.id, p.version, v.id AS variant_id FROM product p JOIN product_variant v ON v.product_id = p.id`,
    );
    for (const event of created as { aggregateId: string; aggregateVersion: number; data: { variants: { variantId: string }[] } }[]) {
      const row = stored.find((product) => product.id === event.aggregateId)!;
      expect([event.aggregateVersion, event.data.variants.map((variant) => variant.variantId)]).toEqual([row.version, [row.variant_id]]);
    }
    expect(await outbox('catalog.inventory-imported', storeA)).toEqual([]);
    expect(done.resultCsv!.split('\r\n').map((line) => line.split(',').slice(1, 3))).toEqual([
      ['Handle', 'Outcome'],
      ['mug-a', 'CREATED'],
      ['mug-b', 'CREATED'],
      ['clashing-tee', 'FAILED'],
      ['mug-d', 'CREATED'],
      ['mug-e', 'CREATED'],
      [],
    ]);
  });

  it('hands a job back when its worker stops, so another takes it at once from its cursor', async () => {
    const rows = ['a', 'b', 'c'].flatMap((letter) => mugRows(`lamp-${letter}`));
    const started = await startImport(csvOf(rows));
    let products = 0;
    const workerId = randomUUID();
    const job = await claimBulkOperation(catalog.runtime, workerId, settings.leaseMs);
    // asked before each batch of two: the first batch is written, then the worker stops
    await runBulkOperation(catalog.runtime, job!, workerId, { ...settings, batchSize: 2, stopping: () => (products += 1) > 1 });
    expect(await operation(started.bulkOperation!.id)).toMatchObject({ status: 'RUNNING', processedRows: 2 });
    await work();
    expect(await operation(started.bulkOperation!.id)).toMatchObject({ status: 'COMPLETED', processedRows: 3, succeededRows: 3 });
    expect(await outbox('catalog.product-created', storeA)).toHaveLength(3);
  });

  it('updates an existing handle: fields replaced, variants matched by SKU, new combinations added', async () => {
    await imported(csvOf(shirtRows()));
    const changed = shirtRows().slice(0, 3);
    changed[0].Title = 'Classic Tee v2';
    changed[0]['Variant Price'] = '9.00';
    changed.push({ Handle: 'classic-tee', 'Option1 Value': 'Green', 'Option2 Value': 'S', 'Variant SKU': 'TEE-GS', 'Variant Price': '19.99' });
    const done = await imported(csvOf(changed));
    expect(done).toMatchObject({ status: 'COMPLETED', failedRows: 0 });
    const [shirt] = await products();
    expect(shirt.title).toBe('Classic Tee v2');
    expect((shirt.options as { values: string[] }[])[0].values).toEqual(['Red', 'Blue', 'Green']);
    const variants = shirt.variants as { sku: string; price: { amount: number } }[];
    expect(variants).toHaveLength(7);
    expect(variants.find((variant) => variant.sku === 'TEE-RS')!.price.amount).toBe(900);
    expect(variants.find((variant) => variant.sku === 'TEE-GS')).toBeDefined();
    expect(await outbox('catalog.product-updated', storeA)).toHaveLength(1);
  });

  it('rolls back a dry run: outcomes and errors, nothing written', async () => {
    const started = await startImport(csvOf([...mugRows(), ...shirtRows()]), { dryRun: true });
    await work();
    const done = (await operation(started.bulkOperation!.id))!;
    expect(done).toMatchObject({ status: 'COMPLETED', succeededRows: 7, failedRows: 0 });
    expect(done.resultCsv).toContain('VALID');
    expect(await products()).toEqual([]);
    expect(await outbox('catalog.product-created', storeA)).toEqual([]);
  });

  it('exports a store as Shopify CSV that imports into another store as the same catalogue', async () => {
    await imported(csvOf([...shirtRows(), ...mugRows()]));
    const exportStarted = await request<Payload>(START_EXPORT, { input: { jobKey: 'export-1' } });
    await work();
    const exported = (await operation(exportStarted.bulkOperation!.id))!;
    expect(exported).toMatchObject({ status: 'COMPLETED', totalRows: 7 });
    const intoB = await imported(exported.resultCsv!, merchantB);
    expect(intoB).toMatchObject({ status: 'COMPLETED', succeededRows: 7, failedRows: 0 });
    expect(await products(merchantB)).toEqual(await products(merchantA));
  });

  it('keeps operations to their store: another store sees none, cannot cancel them, and lists only its own', async () => {
    const started = await startImport(csvOf(mugRows()));
    const id = started.bulkOperation!.id;
    expect(await operation(id, merchantB)).toBeNull();
    expect((await request<Payload>(CANCEL, { input: { id } }, merchantB)).userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(await request<{ totalCount: number }>(OPERATIONS, {}, merchantB)).toMatchObject({ totalCount: 0 });
    expect(await operation(id)).toMatchObject({ status: 'QUEUED' });
    expect(await request<{ nodes: { id: string }[] }>(OPERATIONS)).toMatchObject({ nodes: [{ id }] });
    const shopper = await catalog.client(undefined, { 'x-store-id': storeA }).rawRequest(OPERATION, { id });
    expect(shopper.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const cancelled = await request<Payload>(CANCEL, { input: { id } });
    expect(cancelled.bulkOperation).toMatchObject({ status: 'CANCELLED' });
    await work();
    expect(await products()).toEqual([]);
  });
  it('takes a file larger than one request in parts, cut anywhere, in order, queuing it with the last', async () => {
    const csv = csvOf([...shirtRows(), ...mugRows()]);
    const cuts = [0, 100, 101, 400, csv.length];
    const parts = cuts.slice(1).map((end, index) => csv.slice(cuts[index], end));
    const started = await startImport(parts[0], { parts: parts.length });
    const id = started.bulkOperation!.id;
    expect(started.bulkOperation).toMatchObject({ status: 'UPLOADING' });
    const append = (index: number, text: string) => request<Payload>(APPEND, { input: { id, index, csv: text } });
    expect((await append(2, parts[2])).userErrors.map((error) => error.code)).toEqual(['IMPORT_PART_OUT_OF_ORDER']);
    await work();
    expect(await products()).toEqual([]);
    expect((await append(1, parts[1])).bulkOperation).toMatchObject({ status: 'UPLOADING' });
    // a part sent again changes nothing
    expect((await append(1, parts[1])).bulkOperation).toMatchObject({ status: 'UPLOADING' });
    expect((await append(2, parts[2])).bulkOperation).toMatchObject({ status: 'UPLOADING' });
    expect((await append(3, parts[3])).bulkOperation).toMatchObject({ status: 'QUEUED' });
    expect((await append(4, 'more')).userErrors.map((error) => error.code)).toEqual(['IMPORT_NOT_UPLOADING']);
    expect((await request<Payload>(APPEND, { input: { id, index: 1, csv: 'x' } }, merchantB)).userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    await work();
    expect(await operation(id)).toMatchObject({ status: 'COMPLETED', succeededRows: 7, failedRows: 0 });
    expect((await products()).map((product) => product.handle)).toEqual(['classic-tee', 'mug']);
  });
});
