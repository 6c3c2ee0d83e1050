import { Role, StoreStatus, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { StoreEvents, type StoreStaffData } from '../store/store.events';
import { StoreErrors } from '../store/store-errors';
import { bumpVersion, lockStore, requireMerchant } from '../store/store-lock';
import type { Store } from '../store/store.entity';
import { StoreStaffMember } from './store-staff.entity';
import type { AddStoreStaffInput, RemoveStoreStaffInput } from './staff.inputs';
import { AddStoreStaffPayload, RemoveStoreStaffPayload } from './staff.payloads';

const StaffErrors = {
  ownerIsMerchant: () => UserError.of('OWNER_IS_MERCHANT', "The store's owner is always a MERCHANT", ['input', 'role']),
  ownerNotRemovable: () => UserError.of('OWNER_NOT_REMOVABLE', "The store's owner cannot be removed from it", ['input', 'userId']),
  notAMember: () => UserError.of('NOT_A_MEMBER', 'This user does not work in the store', ['input', 'userId']),
};

/**
 * Adds someone to a store's staff, or changes their role (the store's MERCHANTs, platform admins).
 * In the store's scope and under its lock; the store's version goes up and `stores.staff-added`
 * carries the role, so accounts puts the membership in the user's next token. A role they already
 * have changes nothing.
 */
export async function addStoreStaff(context: SubgraphContext, services: StoresServices, input: AddStoreStaffInput): Promise<AddStoreStaffPayload> {
  const outcome = await context.unitOfWork.forScope(input.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, input.storeId);
    if (!store) return { payload: AddStoreStaffPayload.failed(StoreErrors.notFound()) };
    await requireMerchant(context, tx, store);
    if (store.status === StoreStatus.CLOSED) return { payload: AddStoreStaffPayload.failed(StoreErrors.closed()) };
    if (input.userId === store.ownerId && input.role !== Role.MERCHANT) return { payload: AddStoreStaffPayload.failed(StaffErrors.ownerIsMerchant()) };
    const staff = tx.manager.getRepository(StoreStaffMember);
    const current = await staff.findOneBy({ storeId: store.id, userId: input.userId });
    if (current?.role === input.role) return { payload: AddStoreStaffPayload.ok(current) };
    const member = await staff.save(staff.create({ storeId: store.id, userId: input.userId, role: input.role, addedAt: new Date() }));
    await emitStaffEvent(tx, store, StoreEvents.staffAdded, member);
    return { payload: AddStoreStaffPayload.ok(member), store };
  });
  if (outcome.store) await services.cache.invalidate(outcome.store);
  return outcome.payload;
}

/** Takes someone off a store's staff (not its owner); publishes `stores.staff-removed`, after which accounts drops the membership. */
export async function removeStoreStaff(context: SubgraphContext, services: StoresServices, input: RemoveStoreStaffInput): Promise<RemoveStoreStaffPayload> {
  const outcome = await context.unitOfWork.forScope(input.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, input.storeId);
    if (!store) return { payload: RemoveStoreStaffPayload.failed(StoreErrors.notFound()) };
    await requireMerchant(context, tx, store);
    if (input.userId === store.ownerId) return { payload: RemoveStoreStaffPayload.failed(StaffErrors.ownerNotRemovable()) };
    const staff = tx.manager.getRepository(StoreStaffMember);
    const member = await staff.findOneBy({ storeId: store.id, userId: input.userId });
    if (!member) return { payload: RemoveStoreStaffPayload.failed(StaffErrors.notAMember()) };
    await staff.delete({ storeId: store.id, userId: input.userId });
    await emitStaffEvent(tx, store, StoreEvents.staffRemoved, member);
    return { payload: RemoveStoreStaffPayload.ok(member), store };
  });
  if (outcome.store) await services.cache.invalidate(outcome.store);
  return outcome.payload;
}

async function emitStaffEvent(tx: Tx, store: Store, type: string, member: StoreStaffMember): Promise<void> {
  const version = await bumpVersion(tx, store);
  await tx.emit<StoreStaffData>({
    type,
    storeId: store.id,
    aggregateId: store.id,
    aggregateVersion: version,
    data: { storeId: store.id, userId: member.userId, role: member.role },
  });
}
