import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { UserReference } from './user-reference.type';

/** Someone who works in a store, and as what. Tenant-owned: row-level security by `store_id`. */
@ObjectType('StoreStaffMember', { description: 'Someone who works in a store and their role there.' })
@Entity('store_staff')
export class StoreStaffMember {
  @Field(() => ID, { description: 'The store.' })
  @PrimaryColumn('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The user.' })
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Field(() => Role, { description: 'MERCHANT (manages everything, staff included) or STORE_STAFF (products, stock, orders).' })
  @Column('varchar', { length: 16 })
  role: Role;

  @Field({ description: 'When they joined the store, or last changed role (UTC).' })
  @Column({ name: 'added_at', type: 'timestamptz', precision: 3 })
  addedAt: Date;

  @Field(() => UserReference, { description: 'The user (resolved by accounts).' })
  get user(): UserReference {
    return UserReference.of(this.userId);
  }
}
