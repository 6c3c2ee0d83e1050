import { buildFederatedSchema, type SubgraphDefinition } from '@ultramarket/kit';
import { AnalyticsResolver } from './analytics.resolver';
import { analyticsConsumers } from './rollup/appliers';
import { appliedEventPruningJob } from './rollup/applied-event-pruner';
import { CreateAnalytics1763769656000 } from './migrations/1763769656000-create-analytics';

/**
 * Analytics keeps per-store, per-store-local-day rollups of sales, products, customers and carts, and the current stock
 * value, fed only by other domains' events (it reads no other database and calls no subgraph); its queries sum them
 * to days, ISO weeks and months. `npm run analytics:rebuild` recomputes them from the event streams.
 */
export const analyticsSubgraph: SubgraphDefinition = {
  name: 'analytics',
  defaultPort: 4011,
  entities: [],
  migrations: [CreateAnalytics1763769656000],
  publishes: [],
  consumers: analyticsConsumers,
  jobs: [appliedEventPruningJob],
  schema: () => buildFederatedSchema({ resolvers: [AnalyticsResolver] }),
};
