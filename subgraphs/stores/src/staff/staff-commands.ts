import { Role, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { StoreEvents, type StoreStaffData } from '../store/store.events';
import { StoreErrors } from '../store/store-errors';
import { bumpVersion, changeRefusal, lockStore, requireMerchant } from '../store/store-lock';
import type { Store } from '../store/store.entity';
import { StoreStaffMember } from './store-staff.entity';
import type { AddStoreStaffInput, ChangeStoreStaffRoleInput, RemoveStoreStaffInput } from './staff.inputs';
import { AddStoreStaffPayload, ChangeStoreStaffRolePayload, RemoveStoreStaffPayload } from './staff.payloads';

const StaffErrors = {
  ownerIsMerchant: () => UserError.of('OWNER_IS_MERCHANT', "The store's owner is always a MERCHANT", ['input', 'role']),
  ownerNotRemovable: () => UserError.of('OWNER_NOT_REMOVABLE', "The store's owner cannot be removed from it", ['input', 'userId']),
  notAMember: () => UserError.of('NOT_A_MEMBER', 'This user does not work in the store', ['input', 'userId']),
};

/**
 * Adds someone to a store's staff without their consent, or changes their role: platform admins only
 * (support work such as restoring an owner's access; the resolver checks the role). Merchants invite
 * instead (invitation/invite-store-staff.ts): joining a store changes the user's tokens, so it is the
 * user's to accept. In the store's scope and under its lock; `stores.staff-added` carries the role.
 */
export async function addStoreStaff(context: SubgraphContext, services: StoresServices, input: AddStoreStaffInput): Promise<AddStoreStaffPayload> {
  return putStaffMember(context, services, input, false, AddStoreStaffPayload);
}

/**
 * Changes the role of someone who already works in the store (its MERCHANTs, platform admins): they
 * accepted to work there, so this needs no new consent. The owner stays a MERCHANT. Publishes
 * `stores.staff-added` with the new role (accounts follows it into their tokens).
 */
export async function changeStoreStaffRole(
  context: SubgraphContext,
  services: StoresServices,
  input: ChangeStoreStaffRoleInput,
): Promise<ChangeStoreStaffRolePayload> {
  return putStaffMember(context, services, input, true, ChangeStoreStaffRolePayload);
}

async function putStaffMember<P extends AddStoreStaffPayload>(
  context: SubgraphContext,
  services: StoresServices,
  input: AddStoreStaffInput,
  membersOnly: boolean,
  Payload: { ok(member: StoreStaffMember): P; failed(...errors: UserError[]): P },
): Promise<P> {
  const outcome = await context.unitOfWork.forScope(input.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, input.storeId);
    if (!store) return { payload: Payload.failed(StoreErrors.notFound()) };
    await requireMerchant(context, tx, store);
    const refusal = changeRefusal(context, store);
    if (refusal) return { payload: Payload.failed(refusal) };
    if (input.userId === store.ownerId && input.role !== Role.MERCHANT) return { payload: Payload.failed(StaffErrors.ownerIsMerchant()) };
    const staff = tx.manager.getRepository(StoreStaffMember);
    const current = await staff.findOneBy({ storeId: store.id, userId: input.userId });
    if (membersOnly && !current) return { payload: Payload.failed(StaffErrors.notAMember()) };
    if (current?.role === input.role) return { payload: Payload.ok(current) };
    const member = await staff.save(staff.create({ storeId: store.id, userId: input.userId, role: input.role, addedAt: new Date() }));
    await emitStaffEvent(tx, store, StoreEvents.staffAdded, member);
    return { payload: Payload.ok(member), store };
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

/** Bumps the store's version and publishes a staff change with it. */
export async function emitStaffEvent(
  tx: Tx,
  store: Store,
  type: typeof StoreEvents.staffAdded | typeof StoreEvents.staffRemoved,
  member: StoreStaffMember,
): Promise<void> {
  const version = await bumpVersion(tx, store);
  await tx.emit<StoreStaffData>({
    type,
    storeId: store.id,
    aggregateId: store.id,
    aggregateVersion: version,
    data: { storeId: store.id, userId: member.userId, role: member.role },
  });
}
