import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { StoreStaffMember } from '../staff/store-staff.entity';
import { StoreInvitation } from './store-invitation.entity';

/** Every invitation mutation answers with the invitation (when it succeeded) and what went wrong (when not). */
@ObjectType({ description: 'Result of an invitation mutation.' })
export class InvitationPayload {
  @Field(() => StoreInvitation, { nullable: true, description: 'The invitation as it now is; null when nothing was changed.' })
  invitation: StoreInvitation | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends InvitationPayload>(this: new () => T, invitation: StoreInvitation): T {
    return Object.assign(new this(), { invitation, userErrors: [] });
  }

  static failed<T extends InvitationPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { invitation: null, userErrors });
  }
}

@ObjectType({
  description:
    'Result of inviteStoreStaff: the pending invitation, or NOT_FOUND / STORE_CLOSED / STORE_UNAVAILABLE / INVITEE_REQUIRED / ALREADY_A_MEMBER / ALREADY_INVITED / INVITATION_LIMIT.',
})
export class InviteStoreStaffPayload extends InvitationPayload {}

@ObjectType({
  description:
    'Result of acceptStoreInvitation: the accepted invitation and the membership, or NOT_FOUND / INVITATION_NOT_PENDING / INVITATION_EXPIRED / STORE_CLOSED / STORE_UNAVAILABLE.',
})
export class AcceptStoreInvitationPayload extends InvitationPayload {
  @Field(() => StoreStaffMember, { nullable: true, description: 'The caller’s membership of the store; null when nothing was changed.' })
  staffMember: StoreStaffMember | null = null;

  static accepted(invitation: StoreInvitation, staffMember: StoreStaffMember): AcceptStoreInvitationPayload {
    return Object.assign(new AcceptStoreInvitationPayload(), { invitation, staffMember, userErrors: [] });
  }
}

@ObjectType({ description: 'Result of declineStoreInvitation: the declined invitation, or NOT_FOUND / INVITATION_NOT_PENDING / INVITATION_EXPIRED.' })
export class DeclineStoreInvitationPayload extends InvitationPayload {}

@ObjectType({
  description: 'Result of revokeStoreInvitation: the revoked invitation, or NOT_FOUND / INVITATION_NOT_PENDING / STORE_CLOSED / STORE_UNAVAILABLE.',
})
export class RevokeStoreInvitationPayload extends InvitationPayload {}
