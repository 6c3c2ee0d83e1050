import { acceptsStaffChanges, Role, StoreStatus, traceOf, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { emitStaffEvent } from '../staff/staff-commands';
import { StoreStaffMember } from '../staff/store-staff.entity';
import type { Store } from '../store/store.entity';
import { StoreEvents } from '../store/store.events';
import { StoreErrors } from '../store/store-errors';
import { lockStore } from '../store/store-lock';
import { InvitationStatus, StoreInvitation } from './store-invitation.entity';
import type { AcceptStoreInvitationInput, DeclineStoreInvitationInput } from './invitation.inputs';
import { AcceptStoreInvitationPayload, DeclineStoreInvitationPayload } from './invitation.payloads';
import { answerRefusal, InvitationErrors } from './invitation-errors';
import { findInvitationFor } from './invitee';

/**
 * The invitee, signed in, accepts: they join the store with the invitation's role (its owner stays
 * a MERCHANT), under the store's lock, and `stores.staff-added` tells accounts to put the store in
 * their next token. Only the user the invitation is addressed to may (anyone else: NOT_FOUND). A
 * suspended store takes no one (STORE_UNAVAILABLE), a closed one neither (STORE_CLOSED).
 */
export async function acceptStoreInvitation(
  context: SubgraphContext,
  services: StoresServices,
  input: AcceptStoreInvitationInput,
): Promise<AcceptStoreInvitationPayload> {
  const found = await findInvitationFor(context, input.invitationId);
  if (!found) return AcceptStoreInvitationPayload.failed(InvitationErrors.notFound());
  const userId = context.caller.userId!;
  let joined: Store | null = null;
  const payload = await context.unitOfWork.forScope(found.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, found.storeId);
    const invitation = await lockInvitation(tx, found.id);
    if (!store || !invitation) return AcceptStoreInvitationPayload.failed(InvitationErrors.notFound());
    const refusal = answerRefusal(invitation);
    if (refusal) return AcceptStoreInvitationPayload.failed(refusal);
    if (store.status === StoreStatus.CLOSED) return AcceptStoreInvitationPayload.failed(StoreErrors.closed());
    if (!acceptsStaffChanges(store.status)) return AcceptStoreInvitationPayload.failed(StoreErrors.unavailable());
    const answered = await answer(tx, invitation, InvitationStatus.ACCEPTED, userId);
    const staff = tx.manager.getRepository(StoreStaffMember);
    const current = await staff.findOneBy({ storeId: store.id, userId });
    const role = userId === store.ownerId ? Role.MERCHANT : invitation.role;
    if (current?.role === role) return AcceptStoreInvitationPayload.accepted(answered, current);
    const member = await staff.save(staff.create({ storeId: store.id, userId, role, addedAt: new Date() }));
    await emitStaffEvent(tx, store, StoreEvents.staffAdded, member);
    joined = store;
    return AcceptStoreInvitationPayload.accepted(answered, member);
  });
  if (joined) await services.cache.invalidate(joined);
  return payload;
}

/** The invitee, signed in, declines; nothing else changes. Works whatever the store's status. */
export async function declineStoreInvitation(context: SubgraphContext, input: DeclineStoreInvitationInput): Promise<DeclineStoreInvitationPayload> {
  const found = await findInvitationFor(context, input.invitationId);
  if (!found) return DeclineStoreInvitationPayload.failed(InvitationErrors.notFound());
  return context.unitOfWork.forScope(found.storeId).run(traceOf(context), async (tx) => {
    const invitation = await lockInvitation(tx, found.id);
    if (!invitation) return DeclineStoreInvitationPayload.failed(InvitationErrors.notFound());
    const refusal = answerRefusal(invitation);
    if (refusal) return DeclineStoreInvitationPayload.failed(refusal);
    return DeclineStoreInvitationPayload.ok(await answer(tx, invitation, InvitationStatus.DECLINED, context.caller.userId!));
  });
}

export function lockInvitation(tx: Tx, invitationId: string): Promise<StoreInvitation | null> {
  return tx.manager.getRepository(StoreInvitation).findOne({ where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
}

/** Records the answer (accepted, declined or revoked) and who gave it. */
export function answer(tx: Tx, invitation: StoreInvitation, status: InvitationStatus, by: string): Promise<StoreInvitation> {
  Object.assign(invitation, { recordedStatus: status, respondedAt: new Date(), respondedBy: by });
  return tx.manager.getRepository(StoreInvitation).save(invitation);
}
