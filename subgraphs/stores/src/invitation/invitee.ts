import { inScope, PLATFORM_SCOPE, type SubgraphContext } from '@ultramarket/kit';
import { StoreInvitation } from './store-invitation.entity';

/**
 * The email the caller proved they own (kept from accounts.email-verified), or null. Access tokens
 * carry no email, and an email the caller merely typed proves nothing: only a verified one lets them
 * see and answer invitations sent to it.
 */
export async function verifiedEmailOf(context: SubgraphContext): Promise<string | null> {
  const userId = context.caller.userId;
  if (!userId) return null;
  const rows: { email: string }[] = await context.db.query(`SELECT email FROM verified_user_email WHERE user_id = $1`, [userId]);
  return rows[0]?.email.toLowerCase() ?? null;
}

/** Whether the invitation is addressed to the caller: by their user id, or by the email they verified. */
export function isAddressedTo(invitation: StoreInvitation, userId: string | null, verifiedEmail: string | null): boolean {
  if (!userId) return false;
  if (invitation.userId) return invitation.userId === userId;
  return verifiedEmail !== null && invitation.email === verifiedEmail;
}

/**
 * An invitation by id for its invitee, who is in no store's scope yet: read in PLATFORM_SCOPE,
 * confined by the id, and null unless it is addressed to the caller (so ids reveal nothing).
 */
export async function findInvitationFor(context: SubgraphContext, invitationId: string): Promise<StoreInvitation | null> {
  const [invitation, email] = await Promise.all([
    inScope(context.db, PLATFORM_SCOPE, (manager) => manager.getRepository(StoreInvitation).findOneBy({ id: invitationId })),
    verifiedEmailOf(context),
  ]);
  return invitation && isAddressedTo(invitation, context.caller.userId, email) ? invitation : null;
}

/** An invitation by id whoever asks (the store's merchants are checked by the caller), read in PLATFORM_SCOPE confined by the id. */
export function findInvitation(context: SubgraphContext, invitationId: string): Promise<StoreInvitation | null> {
  return inScope(context.db, PLATFORM_SCOPE, (manager) => manager.getRepository(StoreInvitation).findOneBy({ id: invitationId }));
}
