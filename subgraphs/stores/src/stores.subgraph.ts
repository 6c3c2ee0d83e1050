import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { StoresServices } from './stores-services';
import { Store } from './store/store.entity';
import { storeResolver } from './store/store.resolver';
import { findVisibleStore } from './store/store-queries';
import { StoreStaffMember } from './staff/store-staff.entity';
import { staffResolver } from './staff/staff.resolver';
import { CreateStores1763769600020 } from './migrations/1763769600020-create-stores';

/**
 * Stores owns the platform's tenants: each store's details, settings, theme, status and staff. Its
 * events feed every other subgraph's store status replica and accounts' memberships.
 */
export function createStoresSubgraph(): SubgraphDefinition {
  const services = new StoresServices();
  return {
    name: 'stores',
    defaultPort: 4002,
    entities: [Store, StoreStaffMember],
    migrations: [CreateStores1763769600020],
    publishes: ['stores'],
    // the Redis cache and configuration are bound before requests start
    onStart: services.bind,
    schema: () =>
      buildFederatedSchema({
        resolvers: [storeResolver(services), staffResolver(services)],
        referenceResolvers: {
          Store: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleStore(context, services, reference.id) },
        },
      }),
  };
}

export const storesSubgraph = createStoresSubgraph();
