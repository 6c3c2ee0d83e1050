import { Field, ID, InputType } from 'type-graphql';
import { IsIn, IsUUID } from 'class-validator';
import { Role } from '@ultramarket/kit';
import { STAFF_ROLES } from './store-staff-role';

@InputType({ description: 'Someone to add to a store without an invitation (platform admins), or whose role to change.' })
export class AddStoreStaffInput {
  @IsUUID()
  @Field(() => ID, { description: 'The store.' })
  storeId: string;

  @IsUUID()
  @Field(() => ID, { description: 'The user (an accounts user id).' })
  userId: string;

  @IsIn(STAFF_ROLES, { message: 'role must be MERCHANT or STORE_STAFF' })
  @Field(() => Role, { description: 'MERCHANT or STORE_STAFF.' })
  role: Role;
}

@InputType({ description: 'Someone who works in a store, and their new role.' })
export class ChangeStoreStaffRoleInput extends AddStoreStaffInput {}

@InputType({ description: 'Someone to take off a store.' })
export class RemoveStoreStaffInput {
  @IsUUID()
  @Field(() => ID, { description: 'The store.' })
  storeId: string;

  @IsUUID()
  @Field(() => ID, { description: 'The user.' })
  userId: string;
}
