import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { ensureStream, envelopeFor, inScope, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { claimBulkOperation, runBulkOperation } from '../src/bulk/bulk-worker';
import { parseCsv } from '../src/bulk/csv';

const OPERATION_FIELDS = 'id status succeededRows failedRows resultCsv';
const START_IMPORT = gql`
  mutation ($input: StartProductImportInput!) { startProductImport(input: $input) { bulkOperation { ${OPERATION_FIELDS} } userErrors { code } } }
`;
const START_EXPORT = gql`
  mutation ($input: StartProductExportInput!) { startProductExport(input: $input) { bulkOperation { ${OPERATION_FIELDS} } userErrors { code } } }
`;
const OPERATION = gql`
  query ($id: ID!) { bulkOperation(id: $id) { ${OPERATION_FIELDS} } }
`;
const VARIANT_IDS = gql`
  query {
    products(first: 10) {
      nodes {
        id
        variants {
          id
          sku
        }
      }
    }
  }
`;
const UNTRACK = gql`
  mutation ($input: UpdateProductVariantsInput!) {
    updateProductVariants(input: $input) {
      userErrors {
        code
      }
    }
  }
`;

interface Operation {
  id: string;
  status: string;
  succeededRows: number;
  failedRows: number;
  resultCsv: string | null;
}

/** A lamp in four sizes, none with a stock count, and a mug without options. */
const FILE = [
  'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Status',
  'lamp,Lamp,Size,S,LAMP-S,30.00,active',
  'lamp,,,M,LAMP-M,35.00,',
  'lamp,,,L,LAMP-L,40.00,',
  'lamp,,,XL,LAMP-XL,45.00,',
  'mug,Mug,Title,Default Title,MUG,8.50,active',
].join('\n');

/**
 * "Variant Inventory Qty" in the export: catalog keeps each variant's on-hand from
 * `inventory.stock-changed` (an older change never overwrites a newer one), writes it for tracked
 * variants, leaves it empty for untracked ones and for those it never heard of, and the file imported
 * into another store asks inventory for the same on-hand per variant.
 */
describe('catalog: stock in the product CSV export', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let catalog: TestSubgraph;
  let owner: DataSource;
  const variantIds = new Map<string, { productId: string; variantId: string }>();

  const request = async <T>(query: string, variables: Record<string, unknown> = {}, token = merchantA): Promise<T> => {
    const result = await catalog.client(token).rawRequest<Record<string, T>>(query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0];
  };
  /** Runs every queued job to its end, as the background worker would. */
  const work = async () => {
    const workerId = randomUUID();
    const settings = { leaseMs: 60_000, progressIntervalMs: 0, batchSize: 50 };
    for (
      let job = await claimBulkOperation(catalog.runtime, workerId, settings.leaseMs);
      job;
      job = await claimBulkOperation(catalog.runtime, workerId, settings.leaseMs)
    ) {
      await runBulkOperation(catalog.runtime, job, workerId, settings);
    }
  };
  const finished = async (started: { bulkOperation: Operation | null; userErrors: unknown[] }, token = merchantA): Promise<Operation> => {
    expect(started.userErrors).toEqual([]);
    await work();
    return request<Operation>(OPERATION, { id: started.bulkOperation!.id }, token);
  };
  /** "Variant Inventory Qty" of each SKU in an exported file. */
  const quantities = (csv: string): Record<string, string> => {
    const [header, ...rows] = parseCsv(csv).map((record) => record.cells);
    const sku = header.indexOf('Variant SKU');
    const quantity = header.indexOf('Variant Inventory Qty');
    return Object.fromEntries(rows.map((cells) => [cells[sku], cells[quantity]]));
  };
  const onHandOf = async (sku: string): Promise<number | undefined> => {
    const { productId, variantId } = variantIds.get(sku)!;
    const [row] = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
      manager.query(`SELECT variant_availability FROM product_search_document WHERE product_id = $1`, [productId]),
    );
    return (row?.variant_availability as Record<string, { onHand?: number }> | undefined)?.[variantId]?.onHand;
  };
  /** Publishes `inventory.stock-changed` for one variant as inventory does, at `occurredAt` (now by default); gives its event id. */
  const stockChanged = async (sku: string, variant: { onHand: number; available: number }, occurredAt?: string): Promise<string> => {
    const { productId, variantId } = variantIds.get(sku)!;
    const { js, jsm, names } = catalog.runtime;
    await ensureStream(jsm, names, 'inventory');
    const data = {
      productId,
      variantId,
      locationId: randomUUID(),
      ...variant,
      reserved: variant.onHand - variant.available,
      delta: 0,
      reason: 'test',
      variant,
    };
    const built = envelopeFor(
      { type: 'inventory.stock-changed', storeId: storeA, aggregateId: productId, aggregateVersion: 1, data },
      { correlationId: randomUUID(), causationId: null },
    );
    const event = { ...built, occurredAt: occurredAt ?? built.occurredAt };
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    return event.id;
  };

  beforeAll(async () => {
    // the tests run the worker themselves, so the background one is left out
    catalog = await startTestSubgraph({ ...catalogSubgraph, jobs: [] });
    owner = await openOwnerConnection(catalog.runtime.config);
    const imported = await finished(await request(START_IMPORT, { input: { jobKey: randomUUID(), csv: FILE } }));
    expect(imported).toMatchObject({ status: 'COMPLETED', succeededRows: 5, failedRows: 0 });
    const { nodes } = await request<{ nodes: { id: string; variants: { id: string; sku: string }[] }[] }>(VARIANT_IDS);
    for (const product of nodes) for (const variant of product.variants) variantIds.set(variant.sku, { productId: product.id, variantId: variant.id });
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  it('keeps each variant’s on-hand from inventory.stock-changed, an older change never overwriting a newer one', async () => {
    await stockChanged('LAMP-S', { onHand: 5, available: 3 });
    await stockChanged('LAMP-M', { onHand: 6, available: 6 });
    await stockChanged('MUG', { onHand: 0, available: 0 });
    await eventually(async () => (await onHandOf('LAMP-S')) === 5 && (await onHandOf('LAMP-M')) === 6 && (await onHandOf('MUG')) === 0, 10_000, 'on-hand kept');

    const stale = await stockChanged('LAMP-M', { onHand: 99, available: 99 }, new Date(Date.now() - 60_000).toISOString());
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [stale])).length === 1,
      10_000,
      'the stale change handled',
    );
    expect(await onHandOf('LAMP-M')).toBe(6);
    expect(await onHandOf('LAMP-XL')).toBeUndefined();
  });

  it('exports tracked variants’ on-hand, empty for untracked or never-heard ones; the copy asks inventory for the same on-hand', async () => {
    // LAMP-L is heard of, then no longer tracked: Shopify leaves an untracked variant's count empty
    await stockChanged('LAMP-L', { onHand: 4, available: 4 });
    await eventually(async () => (await onHandOf('LAMP-L')) === 4, 10_000, 'LAMP-L heard of');
    const untracked = await request<{ userErrors: unknown[] }>(UNTRACK, {
      input: { productId: variantIds.get('LAMP-L')!.productId, variants: [{ id: variantIds.get('LAMP-L')!.variantId, trackInventory: false }] },
    });
    expect(untracked.userErrors).toEqual([]);

    const exported = await finished(await request(START_EXPORT, { input: { jobKey: randomUUID() } }));
    expect(exported.status).toBe('COMPLETED');
    expect(quantities(exported.resultCsv!)).toEqual({ 'LAMP-S': '5', 'LAMP-M': '6', 'LAMP-L': '', 'LAMP-XL': '', MUG: '0' });

    const copied = await finished(await request(START_IMPORT, { input: { jobKey: randomUUID(), csv: exported.resultCsv } }, merchantB), merchantB);
    expect(copied).toMatchObject({ status: 'COMPLETED', succeededRows: 5, failedRows: 0 });
    const levels: { data: { levels: { sku: string; onHand: number }[] } }[] = (
      await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'catalog.inventory-imported' AND envelope->>'storeId' = $1`, [storeB])
    ).map((row: { envelope: unknown }) => row.envelope);
    const onHandInB = Object.fromEntries(levels.flatMap((event) => event.data.levels.map((level) => [level.sku, level.onHand])));
    expect(onHandInB).toEqual({ 'LAMP-S': 5, 'LAMP-M': 6, MUG: 0 });
  });
});
