import { UserError } from '@ultramarket/kit';
import { InvitationStatus, type StoreInvitation } from './store-invitation.entity';

/** The expected failures of invitation mutations, as userErrors. */
export const InvitationErrors = {
  notFound: () => UserError.of('NOT_FOUND', 'No such invitation for you', ['input', 'invitationId']),
  inviteeRequired: () => UserError.of('INVITEE_REQUIRED', 'Invite someone by email or by user id: exactly one of the two', ['input', 'email']),
  alreadyMember: (field: string) => UserError.of('ALREADY_A_MEMBER', 'This person already works in the store: change their role instead', ['input', field]),
  alreadyInvited: (field: string) =>
    UserError.of('ALREADY_INVITED', 'This person has a pending invitation to the store already: revoke it to send another', ['input', field]),
  limit: () =>
    UserError.of('INVITATION_LIMIT', 'The store has sent too many invitations lately: try again tomorrow or revoke pending ones', ['input', 'storeId']),
  notPending: (status: InvitationStatus) =>
    UserError.of('INVITATION_NOT_PENDING', `This invitation was ${status.toLowerCase()} already`, ['input', 'invitationId']),
  expired: () => UserError.of('INVITATION_EXPIRED', 'This invitation has expired: ask the store for a new one', ['input', 'invitationId']),
};

/** Why an invitation can no longer be answered, or null while it can. */
export function answerRefusal(invitation: StoreInvitation): UserError | null {
  if (invitation.status === InvitationStatus.EXPIRED) return InvitationErrors.expired();
  if (invitation.status !== InvitationStatus.PENDING) return InvitationErrors.notPending(invitation.status);
  return null;
}
