import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintAsNumber, Money } from '@ultramarket/kit';
import { UserReference } from './user-reference.type';

/**
 * A store's customer. Email is unique per store (case-insensitive); totalSpent, ordersCount and
 * lastOrderAt are kept from order and payment events, never written by the API.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A store's customer: contact details, marketing consent, addresses and order metrics." })
@Entity('customer')
export class Customer {
  @Field(() => ID, { description: 'Opaque customer id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the customer belongs to.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'First name; empty when unknown.' })
  @Column('varchar', { name: 'first_name', length: 100, default: '' })
  firstName: string;

  @Field({ description: 'Last name; empty when unknown.' })
  @Column('varchar', { name: 'last_name', length: 100, default: '' })
  lastName: string;

  @Field({ description: 'Email address, unique within the store (case-insensitive).' })
  @Column('varchar', { length: 320 })
  email: string;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  @Field(() => [String], { description: 'Free-form labels the store uses to group customers.' })
  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  @Field({ description: "The store staff's note about the customer." })
  @Column('text', { default: '' })
  note: string;

  @Field({ description: 'Whether the customer agreed to receive marketing email.' })
  @Column('boolean', { name: 'accepts_marketing', default: false })
  acceptsMarketing: boolean;

  @Column('bigint', { name: 'total_spent_amount', default: 0, transformer: bigintAsNumber })
  totalSpentAmount: number;

  @Column('char', { name: 'currency_code', length: 3, default: 'USD' })
  currencyCode: string;

  @Field(() => Int, { description: 'How many orders the customer has placed in the store.' })
  @Column('integer', { name: 'orders_count', default: 0 })
  ordersCount: number;

  @Field(() => Date, { nullable: true, description: 'When the customer last placed an order (UTC); null before the first.' })
  @Column({ type: 'timestamptz', name: 'last_order_at', precision: 3, nullable: true })
  lastOrderAt: Date | null;

  @Field(() => ID, { nullable: true, description: "The customer's user account id; null when they have no account." })
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Field({ description: "Whether the customer pays no tax (set by the store's staff); their signed-in carts are priced without tax." })
  @Column('boolean', { name: 'tax_exempt', default: false })
  taxExempt: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'What the exemption rests on, e.g. a resale certificate number (up to 100 characters); null when none is recorded or the customer is not exempt.',
  })
  @Column('varchar', { name: 'tax_exemption_reference', length: 100, nullable: true })
  taxExemptionReference: string | null;

  @VersionColumn()
  version: number;

  @Field({ description: 'When the customer was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the customer last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Money, { description: 'Paid minus refunded over all their orders, in the store currency.' })
  get totalSpent(): Money {
    return Money.of(this.totalSpentAmount, this.currencyCode);
  }

  @Field(() => UserReference, { nullable: true, description: "The customer's user account (owned by accounts); null when they have none." })
  get user(): UserReference | null {
    return this.userId ? UserReference.of(this.userId) : null;
  }
}
