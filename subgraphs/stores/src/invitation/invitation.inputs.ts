import { Field, ID, InputType } from 'type-graphql';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Role } from '@ultramarket/kit';
import { STAFF_ROLES } from '../staff/store-staff-role';

@InputType({ description: "Someone to invite to a store's staff: by email or by user id (exactly one)." })
export class InviteStoreStaffInput {
  @IsUUID()
  @Field(() => ID, { description: 'The store.' })
  storeId: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  @Field(() => String, { nullable: true, description: 'The invitee’s email: the user who verified it with their account may accept.' })
  email?: string | null;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The invitee’s user id (an accounts user id): that user may accept.' })
  userId?: string | null;

  @IsIn(STAFF_ROLES, { message: 'role must be MERCHANT or STORE_STAFF' })
  @Field(() => Role, { description: 'MERCHANT or STORE_STAFF.' })
  role: Role;
}

@InputType({ description: 'An invitation addressed to the signed-in user.' })
export class AcceptStoreInvitationInput {
  @IsUUID()
  @Field(() => ID, { description: 'The invitation (from myStoreInvitations).' })
  invitationId: string;
}

@InputType({ description: 'An invitation addressed to the signed-in user.' })
export class DeclineStoreInvitationInput extends AcceptStoreInvitationInput {}

@InputType({ description: 'A pending invitation of the caller’s store.' })
export class RevokeStoreInvitationInput {
  @IsUUID()
  @Field(() => ID, { description: 'The invitation (from storeInvitations).' })
  invitationId: string;
}
