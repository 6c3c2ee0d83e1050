import { forbidden, inScope, PLATFORM_SCOPE, Role, type SubgraphContext } from '@ultramarket/kit';
import { MoreThan } from 'typeorm';
import { callerRoleIn, isPlatformAdmin } from '../staff/store-membership';
import { InvitationStatus, StoreInvitation } from './store-invitation.entity';
import { verifiedEmailOf } from './invitee';

/** A store holds at most this many pending invitations (invitation-limits in invite-store-staff.ts), so the lists need no pages. */
const LIST_LIMIT = 100;

/**
 * The pending invitations addressed to the signed-in user (by id, or to the email they verified),
 * newest first. PLATFORM_SCOPE because they span stores, confined to the caller's id and email.
 */
export async function myStoreInvitations(context: SubgraphContext): Promise<StoreInvitation[]> {
  const userId = context.caller.userId!;
  const email = await verifiedEmailOf(context);
  return inScope(context.db, PLATFORM_SCOPE, (manager) =>
    manager
      .getRepository(StoreInvitation)
      .createQueryBuilder('i')
      .where(`i.status = :pending AND i.expires_at > now()`, { pending: InvitationStatus.PENDING })
      .andWhere(email ? `(i.user_id = :userId OR lower(i.email) = :email)` : `i.user_id = :userId`, { userId, email })
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(LIST_LIMIT)
      .getMany(),
  );
}

/** A store's pending invitations, newest first: for its merchants and platform admins, read in the store's scope. */
export async function listStoreInvitations(context: SubgraphContext, storeId: string): Promise<StoreInvitation[]> {
  if (!isPlatformAdmin(context) && (await callerRoleIn(context, storeId)) !== Role.MERCHANT)
    throw forbidden("Only the store's merchants and platform admins may see its invitations");
  return inScope(context.db, storeId, (manager) =>
    manager.getRepository(StoreInvitation).find({
      where: { storeId, recordedStatus: InvitationStatus.PENDING, expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: LIST_LIMIT,
    }),
  );
}
