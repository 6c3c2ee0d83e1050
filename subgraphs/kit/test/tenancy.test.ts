import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { envelopeFor } from '../src/events/event-envelope';
import { ensureStream } from '../src/events/streams';
import { ConsumerRunner } from '../src/events/consumer-runner';
import { UnitOfWork } from '../src/events/unit-of-work';
import { createLogger } from '../src/logging/logger';
import { isolateByStore } from '../src/tenancy/row-level-security';
import { inScope, PLATFORM_SCOPE } from '../src/tenancy/store-scope';
import { StoreDb } from '../src/tenancy/store-db';
import { StoreStatus } from '../src/tenancy/store-status';
import { StoreStatuses } from '../src/tenancy/store-statuses';
import { openEventHarness, type EventHarness } from './support/event-harness';
import { openOwnerConnection } from './support/tenancy-support';
import { eventually } from './support/test-names';

class CreateNote1763769609998 implements MigrationInterface {
  name = 'CreateNote1763769609998';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE note (id serial PRIMARY KEY, store_id uuid NOT NULL, body text NOT NULL)`);
    await isolateByStore(runner, 'note');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE note`);
  }
}

const storeA = randomUUID();
const storeB = randomUUID();
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('tenant isolation in the database', () => {
  let harness: EventHarness;
  let owner: DataSource;

  const bodies = (scope: string) => inScope(harness.dataSource, scope, (manager) => manager.query(`SELECT store_id, body FROM note ORDER BY id`));

  beforeAll(async () => {
    harness = await openEventHarness('tenancy', natsUrl, [CreateNote1763769609998]);
    owner = await openOwnerConnection(harness.config);
    await inScope(harness.dataSource, storeA, (manager) => manager.query(`INSERT INTO note (store_id, body) VALUES ($1, 'a1'), ($1, 'a2')`, [storeA]));
    await inScope(harness.dataSource, storeB, (manager) => manager.query(`INSERT INTO note (store_id, body) VALUES ($1, 'b1')`, [storeB]));
  });

  afterAll(async () => {
    await owner.destroy();
    await harness.close();
  });

  it('connects as a role that is neither superuser, nor BYPASSRLS, nor owner of any table', async () => {
    const [role] = await harness.dataSource.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE tableowner = current_user) AS owned
       FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: harness.config.database.appUser, rolsuper: false, rolbypassrls: false, owned: 0 });
    const [table] = await owner.query(`SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'note'`);
    expect(table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('refuses a query that names no store', async () => {
    await expect(harness.dataSource.query(`SELECT * FROM note`)).rejects.toThrow(/no store scope/);
    await expect(harness.dataSource.query(`INSERT INTO note (store_id, body) VALUES ($1, 'x')`, [storeA])).rejects.toThrow(/no store scope/);
    await expect(new StoreDb(harness.dataSource, null).read((manager) => manager.query(`SELECT 1`))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a query that names no store even on a table without rows', async () => {
    await owner.query(`CREATE TABLE IF NOT EXISTS empty_note (store_id uuid NOT NULL)`);
    await owner.query(`ALTER TABLE empty_note ENABLE ROW LEVEL SECURITY; ALTER TABLE empty_note FORCE ROW LEVEL SECURITY`);
    await owner.query(`DROP POLICY IF EXISTS store_isolation ON empty_note`);
    await owner.query(`CREATE POLICY store_isolation ON empty_note USING (app_store_visible(store_id)) WITH CHECK (app_store_visible(store_id))`);
    await owner.query(`GRANT SELECT ON empty_note TO ${harness.config.database.appUser}`);
    await expect(harness.dataSource.query(`SELECT * FROM empty_note`)).rejects.toThrow(/no store scope/);
    expect(await inScope(harness.dataSource, storeA, (manager) => manager.query(`SELECT * FROM empty_note`))).toEqual([]);
  });

  it('checks the store inline, as a filter on store_id, not with a function call per row', async () => {
    const plan = (await inScope(harness.dataSource, storeA, (manager) => manager.query(`EXPLAIN (VERBOSE, FORMAT JSON) SELECT body FROM note`)))[0][
      'QUERY PLAN'
    ];
    const filter = JSON.stringify(plan);
    expect(filter).not.toContain('app_store_visible');
    expect(filter).toContain(`current_setting('app.store_id'::text, true)`);
    expect(filter).toContain('store_id');
  });

  it('shows a transaction only its store’s rows, even without a WHERE, and all of them to the platform scope', async () => {
    expect(await bodies(storeA)).toEqual([
      { store_id: storeA, body: 'a1' },
      { store_id: storeA, body: 'a2' },
    ]);
    expect(await bodies(storeB)).toEqual([{ store_id: storeB, body: 'b1' }]);
    expect((await bodies(PLATFORM_SCOPE)).map((row: { body: string }) => row.body)).toEqual(['a1', 'a2', 'b1']);
  });

  it('refuses writing a row into another store and changes nothing there', async () => {
    await expect(
      inScope(harness.dataSource, storeA, (manager) => manager.query(`INSERT INTO note (store_id, body) VALUES ($1, 'sneaky')`, [storeB])),
    ).rejects.toThrow(/row-level security/);
    const updated = await inScope(harness.dataSource, storeA, (manager) => manager.query(`UPDATE note SET body = 'taken' WHERE store_id = $1`, [storeB]));
    expect(updated[1]).toBe(0);
    expect(await bodies(storeB)).toEqual([{ store_id: storeB, body: 'b1' }]);
  });

  it('opens a scoped transaction and sets its store in one message, and rolls it back whole on failure', async () => {
    const sent = jest.spyOn(harness.dataSource.logger, 'logQuery');
    try {
      expect(await inScope(harness.dataSource, storeB, (manager) => manager.query(`SELECT body FROM note`))).toEqual([{ body: 'b1' }]);
      expect(sent.mock.calls.map(([query]) => query)).toEqual([
        `START TRANSACTION; SELECT set_config('app.store_id', '${storeB}', true)`,
        'SELECT body FROM note',
        'COMMIT',
      ]);
    } finally {
      sent.mockRestore();
    }
    await expect(
      inScope(harness.dataSource, storeB, async (manager) => {
        await manager.query(`INSERT INTO note (store_id, body) VALUES ($1, 'half')`, [storeB]);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await bodies(storeB)).toEqual([{ store_id: storeB, body: 'b1' }]);
    await expect(inScope(harness.dataSource, "b'; DROP TABLE note; --", async () => 1)).rejects.toThrow(/Not a store scope/);
  });

  it('does not carry a store over to the next transaction on the same connection', async () => {
    const single = await new DataSource({ ...harness.dataSource.options, extra: { max: 1 } } as typeof harness.dataSource.options).initialize();
    try {
      expect(await inScope(single, storeA, (manager) => manager.query(`SELECT count(*)::int AS n FROM note`))).toEqual([{ n: 2 }]);
      await expect(single.query(`SELECT count(*) FROM note`)).rejects.toThrow(/no store scope/);
    } finally {
      await single.destroy();
    }
  });

  it('keeps 1000 interleaved reads of two stores over a pool of two connections apart', async () => {
    const pooled = await new DataSource({ ...harness.dataSource.options, extra: { max: 2 } } as typeof harness.dataSource.options).initialize();
    try {
      const reads = Array.from({ length: 1000 }, (_, index) => {
        const store = index % 2 === 0 ? storeA : storeB;
        return new StoreDb(pooled, store).read(async (manager) => ({
          store,
          rows: (await manager.query(`SELECT store_id FROM note`)) as { store_id: string }[],
        }));
      });
      const results = await Promise.all(reads);
      const crossReads = results.filter(({ store, rows }) => rows.some((row) => row.store_id !== store)).length;
      expect(crossReads).toBe(0);
      expect(results.every(({ store, rows }) => rows.length === (store === storeA ? 2 : 1))).toBe(true);
    } finally {
      await pooled.destroy();
    }
  });

  it('follows store statuses from the stores subgraph’s events, a newer version winning', async () => {
    const statuses = new StoreStatuses(harness.dataSource);
    expect(await statuses.of(storeA)).toBe(StoreStatus.ACTIVE);
    await ensureStream(harness.jsm, harness.names, 'stores');
    const unitOfWork = new UnitOfWork(harness.dataSource, harness.names, () => undefined);
    const runner = new ConsumerRunner({
      js: harness.js,
      jsm: harness.jsm,
      dataSource: harness.dataSource,
      unitOfWork,
      names: harness.names,
      logger: createLogger('tenancy-test', 'silent'),
      maxDeliveries: 3,
      concurrency: 1,
      ackWaitMs: 10_000,
      onEventsEmitted: () => undefined,
    });
    try {
      for (const handler of statuses.followers('kit')) await runner.start(handler);
      const publish = (type: string, status: StoreStatus, version: number) => {
        const event = envelopeFor(
          { type, storeId: storeA, aggregateId: storeA, aggregateVersion: version, data: { storeId: storeA, status } },
          { correlationId: randomUUID(), causationId: null },
        );
        return harness.js.publish(harness.names.subject(type), JSON.stringify(event), { msgID: event.id });
      };
      await publish('stores.created', StoreStatus.ACTIVE, 1);
      await publish('stores.status-changed', StoreStatus.SUSPENDED, 3);
      await eventually(async () => ((await statuses.of(storeA)) === StoreStatus.SUSPENDED ? true : undefined), 10_000, 'the suspension');
      // a late, older event changes nothing
      await publish('stores.status-changed', StoreStatus.PAUSED, 2);
      const handled = async () => (await owner.query(`SELECT count(*)::int AS n FROM processed_event WHERE consumer LIKE '%store-status'`))[0].n;
      await eventually(async () => ((await handled()) === 2 ? true : undefined), 10_000, 'the late event to be handled');
      expect(await new StoreStatuses(harness.dataSource).of(storeA)).toBe(StoreStatus.SUSPENDED);
      await publish('stores.status-changed', StoreStatus.CLOSED, 4);
      await eventually(async () => ((await statuses.of(storeA)) === StoreStatus.CLOSED ? true : undefined), 10_000, 'the closure');
      const [row] = await inScope(harness.dataSource, storeA, (manager) =>
        manager.query(`SELECT status, version FROM store_status WHERE store_id = $1`, [storeA]),
      );
      expect(row).toEqual({ status: 'CLOSED', version: 4 });
      expect(await statuses.of(storeB)).toBe(StoreStatus.ACTIVE);
    } finally {
      await runner.stop();
    }
  });

  it('remembers a bounded number of stores it never heard of, so made-up store ids cannot fill its memory', async () => {
    const statuses = new StoreStatuses(harness.dataSource, 2);
    const stop = await statuses.follow({ js: harness.js, jsm: harness.jsm, names: harness.names, logger: createLogger('tenancy-test', 'silent') });
    try {
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
      expect(await statuses.of(first)).toBe(StoreStatus.ACTIVE);
      await owner.query(`INSERT INTO store_status (store_id, status, version, updated_at) VALUES ($1, 'SUSPENDED', 5, now())`, [first]);
      // remembered: the row written behind its back is not read
      expect(await statuses.of(first)).toBe(StoreStatus.ACTIVE);
      expect(await statuses.of(second)).toBe(StoreStatus.ACTIVE);
      // the third unknown store makes it forget the first two, so the first is read again
      expect(await statuses.of(third)).toBe(StoreStatus.ACTIVE);
      expect(await statuses.of(first)).toBe(StoreStatus.SUSPENDED);
    } finally {
      await stop();
    }
  });

  it('tells every replica of a status change at once, from the live feed, without reading the database again', async () => {
    const storeC = randomUUID();
    const storeD = randomUUID();
    const logger = createLogger('tenancy-test', 'silent');
    const publish = (store: string, status: StoreStatus, version: number) => {
      const event = envelopeFor(
        { type: 'stores.status-changed', storeId: store, aggregateId: store, aggregateVersion: version, data: { storeId: store, status } },
        { correlationId: randomUUID(), causationId: null },
      );
      return harness.js.publish(harness.names.subject('stores.status-changed'), JSON.stringify(event), { msgID: event.id });
    };
    // a replica that handles none of these events durably: store_status never gets a row for C or D
    const replica = new StoreStatuses(harness.dataSource);
    const stopReplica = await replica.follow({ js: harness.js, jsm: harness.jsm, names: harness.names, logger });
    let stopLate: (() => Promise<void>) | undefined;
    try {
      expect(await replica.of(storeC)).toBe(StoreStatus.ACTIVE);
      await publish(storeC, StoreStatus.SUSPENDED, 2);
      await eventually(async () => ((await replica.of(storeC)) === StoreStatus.SUSPENDED ? true : undefined), 10_000, 'the suspension');
      // an older event that arrives late changes nothing (D's event behind it shows it was heard)
      await publish(storeC, StoreStatus.PAUSED, 1);
      await publish(storeD, StoreStatus.PAUSED, 2);
      await eventually(async () => ((await replica.of(storeD)) === StoreStatus.PAUSED ? true : undefined), 10_000, 'D’s pause');
      expect(await replica.of(storeC)).toBe(StoreStatus.SUSPENDED);
      // once read, a store's status comes from the feed alone: a row written behind its back is not read
      await owner.query(`INSERT INTO store_status (store_id, status, version, updated_at) VALUES ($1, 'CLOSED', 9, now())`, [storeD]);
      expect(await replica.of(storeD)).toBe(StoreStatus.PAUSED);
      // a replica started later replays the stream and learns the same
      const late = new StoreStatuses(harness.dataSource);
      stopLate = await late.follow({ js: harness.js, jsm: harness.jsm, names: harness.names, logger });
      await eventually(async () => ((await late.of(storeC)) === StoreStatus.SUSPENDED ? true : undefined), 10_000, 'the replay');
    } finally {
      await stopReplica();
      await stopLate?.();
    }
    // without its feed a replica reads the database again (D's row, version 9, is newer than what it heard)
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await replica.of(storeD)).toBe(StoreStatus.CLOSED);
  });
});
