import { Registry } from 'prom-client';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { loadKitConfig, type KitConfig } from '../../src/config/kit-config';
import type { Env } from '../../src/config/env-reader';
import { createLogger } from '../../src/logging/logger';
import { createDataSource } from '../../src/data/create-data-source';
import { dropDatabase } from '../../src/data/ensure-database';
import { connectNats } from '../../src/events/nats-connection';
import { EventNames } from '../../src/events/event-names';
import { isolateByStore } from '../../src/tenancy/row-level-security';
import { uniqueSuiteName } from './test-names';

/** A database of the suite's own with the kit's tables, a NATS connection and a namespace. */
export interface EventHarness {
  config: KitConfig;
  dataSource: DataSource;
  nats: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: EventNames;
  close(): Promise<void>;
}

/**
 * `migrations` run as the database owner, as a subgraph's do (the harness connects as the application
 * role). `env` adds to the process environment (DATABASE_PORT of a TcpProxy, pool sizes).
 */
export async function openEventHarness(
  prefix: string,
  natsUrl: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[] = [],
  env: Env = {},
): Promise<EventHarness> {
  const suite = uniqueSuiteName(prefix);
  const config = loadKitConfig('kit', 0, { ...process.env, ...env, DATABASE_NAME: `ultramarket_test_${suite}`, EVENT_NAMESPACE: suite, NATS_URL: natsUrl });
  const logger = createLogger('kit-test', 'silent');
  const dataSource = await createDataSource(config, { entities: [], migrations }, new Registry(), logger);
  const nats = await connectNats(natsUrl, suite, logger);
  const jsm = await nats.jetstreamManager();
  return {
    config,
    dataSource,
    nats,
    js: nats.jetstream(),
    jsm,
    names: new EventNames(suite),
    async close() {
      // the suite's streams are file-backed on the shared NATS: nothing of them is left behind
      if (!nats.isClosed()) await deleteStreamsOf(jsm, new EventNames(suite));
      await nats.close();
      await dataSource.destroy();
      await dropDatabase(config.database);
    },
  };
}

/**
 * A migration creating the store-owned table `test_effect` (under the kit's row-level security) in
 * which a suite's handlers record what they did; `columns` is its column list.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function testEffectTable(migrationName: string, columns: string): Function {
  return class implements MigrationInterface {
    name = migrationName;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`CREATE TABLE test_effect (${columns})`);
      await isolateByStore(runner, 'test_effect');
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE test_effect`);
    }
  };
}

/**
 * Deletes a namespace's JetStream streams (`<NAMESPACE>_<DOMAIN>`, dead letters included). A server
 * a suite has just restarted may still be recovering its JetStream state and time out: asked again,
 * a few times, before the cleanup gives up.
 */
export async function deleteStreamsOf(jsm: JetStreamManager, names: EventNames, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const ours: string[] = [];
      for await (const stream of jsm.streams.names()) if (stream.startsWith(names.stream(''))) ours.push(stream);
      for (const stream of ours) {
        await jsm.streams.delete(stream).catch((error: Error) => {
          if (!error.message.includes('stream not found')) throw error;
        });
      }
      return;
    } catch (error) {
      if (attempt >= attempts || !/TIMEOUT|503/.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** Every message stored on a subject, read with an ordered consumer from the start. */
export async function storedMessages(
  harness: EventHarness,
  stream: string,
  subject: string,
): Promise<{ data: Record<string, unknown>; headers: Record<string, string> }[]> {
  const consumer = await harness.js.consumers.get(stream, { filterSubjects: subject });
  const info = await harness.jsm.streams.info(stream);
  const found: { data: Record<string, unknown>; headers: Record<string, string> }[] = [];
  if (info.state.messages === 0) return found;
  const messages = await consumer.fetch({ max_messages: 1000, expires: 1000 });
  for await (const message of messages) {
    const headers: Record<string, string> = {};
    for (const key of message.headers?.keys() ?? []) headers[key] = message.headers!.get(key);
    found.push({ data: JSON.parse(Buffer.from(message.data).toString('utf8')), headers });
  }
  return found;
}
