import { Registry } from 'prom-client';
import { connectNats, createDataSource, createLogger, EventNames, isUuid, loadKitConfig } from '@ultramarket/kit';
import { analyticsSubgraph } from '../analytics.subgraph';
import { rebuildRollups, type RebuildResult } from './rebuild-rollups';

/**
 * `npm run analytics:rebuild [-- --store <id>]`: the analytics database (migrated first, as at start) and NATS of the
 * environment the subgraph reads (DATABASE_*, NATS_URL, EVENT_NAMESPACE), one rebuild, a summary.
 */
export async function runRebuild(storeId: string | null): Promise<RebuildResult> {
  if (storeId !== null && !isUuid(storeId)) throw new Error(`--store must be a store id (a UUID), not ${storeId}`);
  const config = loadKitConfig('analytics', analyticsSubgraph.defaultPort, { ...process.env, DATABASE_POOL_SIZE: '1' });
  const logger = createLogger('analytics-rebuild', config.logLevel);
  const dataSource = await createDataSource(config, { entities: analyticsSubgraph.entities, migrations: analyticsSubgraph.migrations }, new Registry(), logger);
  const nats = await connectNats(config.natsUrl, 'ultramarket-analytics-rebuild', logger);
  try {
    return await rebuildRollups({
      dataSource,
      js: nats.jetstream(),
      jsm: await nats.jetstreamManager(),
      names: new EventNames(config.eventNamespace),
      logger,
      storeId,
    });
  } finally {
    await nats.drain().catch(() => undefined);
    await dataSource.destroy();
  }
}
