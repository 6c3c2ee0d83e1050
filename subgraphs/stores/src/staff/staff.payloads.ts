import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { StoreStaffMember } from './store-staff.entity';

@ObjectType({ description: 'Result of addStoreStaff: the membership as it now is, or NOT_FOUND / STORE_CLOSED / OWNER_IS_MERCHANT.' })
export class AddStoreStaffPayload {
  @Field(() => StoreStaffMember, { nullable: true, description: 'The staff member with their role; null when nothing was changed.' })
  staffMember: StoreStaffMember | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends AddStoreStaffPayload>(this: new () => T, staffMember: StoreStaffMember): T {
    return Object.assign(new this(), { staffMember, userErrors: [] });
  }

  static failed<T extends AddStoreStaffPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { staffMember: null, userErrors });
  }
}

@ObjectType({
  description:
    'Result of changeStoreStaffRole: the membership with its new role, or NOT_FOUND / STORE_CLOSED / STORE_UNAVAILABLE / NOT_A_MEMBER / OWNER_IS_MERCHANT.',
})
export class ChangeStoreStaffRolePayload extends AddStoreStaffPayload {}

@ObjectType({ description: 'Result of removeStoreStaff: the membership that ended, or NOT_FOUND / NOT_A_MEMBER / OWNER_NOT_REMOVABLE.' })
export class RemoveStoreStaffPayload {
  @Field(() => StoreStaffMember, { nullable: true, description: 'The membership that was removed; null when nothing was changed.' })
  removedStaffMember: StoreStaffMember | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(removedStaffMember: StoreStaffMember): RemoveStoreStaffPayload {
    return Object.assign(new RemoveStoreStaffPayload(), { removedStaffMember, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): RemoveStoreStaffPayload {
    return Object.assign(new RemoveStoreStaffPayload(), { removedStaffMember: null, userErrors });
  }
}
