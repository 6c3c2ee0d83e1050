import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { KitConfig } from '../../src/config/kit-config';
import { envelopeFor } from '../../src/events/event-envelope';
import { ensureStream } from '../../src/events/streams';
import { inScope } from '../../src/tenancy/store-scope';
import type { StoreStatus } from '../../src/tenancy/store-status';
import type { TestSubgraph } from './subgraph-harness';
import { eventually } from './test-names';

/**
 * The suite's database as its owner (DATABASE_USER, `postgres`): row-level security does not bind
 * it, so tests see every store's rows as an operator would, where the subgraph's own connection
 * (the application role) sees only the store of its transaction. Destroy it before closing the subgraph.
 */
export function openOwnerConnection(config: KitConfig): Promise<DataSource> {
  const { host, port, user, password, name } = config.database;
  return new DataSource({ type: 'postgres', host, port, username: user, password, database: name, extra: { max: 2 } }).initialize();
}

/**
 * What the stores subgraph publishes when a store's status changes, sent straight to JetStream in
 * the suite's namespace; each call returns once the subgraph's own replica (the `StoreStatuses` its
 * requests read, cache included) reports the new status.
 */
export function storeStatusEvents(subgraph: () => TestSubgraph) {
  const versions = new Map<string, number>();
  const previous = new Map<string, StoreStatus>();
  return async function setStoreStatus(storeId: string, status: StoreStatus): Promise<void> {
    const { js, jsm, names, dataSource, storeStatuses } = subgraph().runtime;
    await ensureStream(jsm, names, 'stores');
    const version = (versions.get(storeId) ?? 1) + 1;
    versions.set(storeId, version);
    const data = { storeId, status, previousStatus: previous.get(storeId) ?? 'ACTIVE', reason: `test: ${status}` };
    previous.set(storeId, status);
    const event = envelopeFor(
      { type: 'stores.status-changed', storeId, aggregateId: storeId, aggregateVersion: version, data },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    await eventually(
      async () => {
        const [row] = await inScope(dataSource, storeId, (manager) => manager.query(`SELECT status FROM store_status WHERE store_id = $1`, [storeId]));
        return row?.status === status && (await storeStatuses.of(storeId)) === status;
      },
      10_000,
      `store ${storeId} to be ${status}`,
    );
  };
}
