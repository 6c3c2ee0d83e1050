import { forbidden, Role, StoreStatus, traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { roleInTransaction } from '../staff/store-membership';
import { Store } from './store.entity';
import { StoreEvents, type StoreStatusChangedData } from './store.events';
import type { SetStoreStatusInput } from './store.inputs';
import { SetStoreStatusPayload } from './store.payloads';
import { StoreErrors } from './store-errors';
import { lockStore } from './store-lock';
import { TransitionActor, transitionActor } from './store-status-transitions';

/**
 * Moves a store to another status (see store-status-transitions.ts). A transition not in the table
 * is the userError INVALID_STATUS_TRANSITION; an allowed one made by someone not entitled to it is
 * FORBIDDEN. Publishes stores.status-changed, which every subgraph's store status replica follows.
 */
export async function setStoreStatus(context: SubgraphContext, services: StoresServices, input: SetStoreStatusInput): Promise<SetStoreStatusPayload> {
  let before: Store | null = null;
  const payload = await context.unitOfWork.forScope(input.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, input.storeId);
    const isAdmin = context.caller.roles.includes(Role.PLATFORM_ADMIN);
    const role = store ? await roleInTransaction(tx.manager, store.id, context.caller.userId) : null;
    if (!store) return SetStoreStatusPayload.failed(StoreErrors.notFound());
    if (!isAdmin && role === null) throw forbidden("Only the store's merchants and platform admins may change its status");
    const actor = transitionActor(store.status, input.status);
    if (!actor) return SetStoreStatusPayload.failed(StoreErrors.invalidTransition(store.status, input.status));
    const entitled = isAdmin || (actor === TransitionActor.STORE_MERCHANT && role === Role.MERCHANT);
    if (!entitled)
      throw forbidden(`Only ${actor === TransitionActor.PLATFORM_ADMIN ? 'platform admins' : "the store's merchants"} may move a store to ${input.status}`);
    before = Object.assign(new Store(), store);
    const previousStatus = store.status;
    store.status = input.status;
    store.statusReason = input.reason ?? null;
    // a closed store lets go of its custom domain, so the domain's owner can take it to another store
    if (input.status === StoreStatus.CLOSED) Object.assign(store, { customDomain: null, customDomainToken: null, customDomainVerifiedAt: null });
    store.version += 1;
    const saved = await tx.manager.getRepository(Store).save(store);
    await tx.emit<StoreStatusChangedData>({
      type: StoreEvents.statusChanged,
      storeId: saved.id,
      aggregateId: saved.id,
      aggregateVersion: saved.version,
      data: { storeId: saved.id, status: saved.status, previousStatus, reason: saved.statusReason },
    });
    return SetStoreStatusPayload.ok(saved);
  });
  if (before && payload.store) await services.cache.invalidate(before, payload.store);
  return payload;
}
