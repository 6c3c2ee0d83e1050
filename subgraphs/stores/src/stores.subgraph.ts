import { AppScope, buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { StoresServices, type StoresOptions } from './stores-services';
import { Store } from './store/store.entity';
import { storeResolver } from './store/store.resolver';
import { findVisibleStore } from './store/store-queries';
import { StoreStaffMember } from './staff/store-staff.entity';
import { staffResolver } from './staff/staff.resolver';
import { StoreInvitation } from './invitation/store-invitation.entity';
import { invitationResolver } from './invitation/invitation.resolver';
import { rememberVerifiedEmail } from './invitation/verified-email.handler';
import { CreateStores1763769600020 } from './migrations/1763769600020-create-stores';
import { StaffInvitations1763769600021 } from './migrations/1763769600021-staff-invitations';
import { CustomDomainProof1763769600022 } from './migrations/1763769600022-custom-domain-proof';
import { StorePricingSettings1763769600023 } from './migrations/1763769600023-store-pricing-settings';

/**
 * Stores owns the platform's tenants: each store's details, settings, theme, status, custom domain
 * proof, staff and staff invitations. Its events feed every other subgraph's store status replica
 * and accounts' memberships. `options.resolveTxt` replaces DNS (tests).
 */
export function createStoresSubgraph(options: StoresOptions = {}): SubgraphDefinition {
  const services = new StoresServices(options);
  return {
    name: 'stores',
    defaultPort: 4002,
    entities: [Store, StoreStaffMember, StoreInvitation],
    migrations: [CreateStores1763769600020, StaffInvitations1763769600021, CustomDomainProof1763769600022, StorePricingSettings1763769600023],
    publishes: ['stores'],
    // the emails users proved they own, so invitations sent to an email reach that user only
    consumers: [rememberVerifiedEmail],
    // the Redis cache and configuration are bound before requests start
    onStart: services.bind,
    // what an app's API key may use here (docs/apps-and-api-keys.md)
    appAccess: {
      read: AppScope.read_store,
      fields: { 'Query.myStores': null, 'Query.stores': null, 'Query.storeStaff': null, 'Query.myStoreInvitations': null, 'Query.storeInvitations': null },
    },
    schema: () =>
      buildFederatedSchema({
        resolvers: [storeResolver(services), staffResolver(services), invitationResolver(services)],
        referenceResolvers: {
          Store: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleStore(context, services, reference.id) },
        },
      }),
  };
}

export const storesSubgraph = createStoresSubgraph();
