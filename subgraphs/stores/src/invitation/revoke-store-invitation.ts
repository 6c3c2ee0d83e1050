import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { changeRefusal, lockStore, requireMerchant } from '../store/store-lock';
import type { RevokeStoreInvitationInput } from './invitation.inputs';
import { RevokeStoreInvitationPayload } from './invitation.payloads';
import { InvitationErrors } from './invitation-errors';
import { InvitationStatus } from './store-invitation.entity';
import { findInvitation } from './invitee';
import { answer, lockInvitation } from './respond-to-invitation';

/**
 * Withdraws a pending (or expired) invitation (the store's MERCHANTs, platform admins); anyone else
 * is FORBIDDEN. Under the store's lock, so it cannot cross an acceptance.
 */
export async function revokeStoreInvitation(context: SubgraphContext, input: RevokeStoreInvitationInput): Promise<RevokeStoreInvitationPayload> {
  const found = await findInvitation(context, input.invitationId);
  if (!found) return RevokeStoreInvitationPayload.failed(InvitationErrors.notFound());
  return context.unitOfWork.forScope(found.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, found.storeId);
    const invitation = await lockInvitation(tx, found.id);
    if (!store || !invitation) return RevokeStoreInvitationPayload.failed(InvitationErrors.notFound());
    await requireMerchant(context, tx, store);
    const refusal = changeRefusal(context, store);
    if (refusal) return RevokeStoreInvitationPayload.failed(refusal);
    if (invitation.recordedStatus !== InvitationStatus.PENDING)
      return RevokeStoreInvitationPayload.failed(InvitationErrors.notPending(invitation.recordedStatus));
    return RevokeStoreInvitationPayload.ok(await answer(tx, invitation, InvitationStatus.REVOKED, context.caller.userId!));
  });
}
