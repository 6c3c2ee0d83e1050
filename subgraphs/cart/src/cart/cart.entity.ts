import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@ultramarket/kit';
import { CartStatus } from './cart-status';
import { CartAddress } from '../cart-address/cart-address.type';

/**
 * A shopper's cart in one store: a guest's (reachable with its secret token only, of which only the
 * SHA-256 is kept) or a signed-in customer's (at most one open cart per customer and store). Lines,
 * prices and totals are resolved from catalog's current prices each time it is read (`priced-cart.ts`).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A shopper's cart in one store; its prices are always the catalog's current ones." })
@Entity('cart')
export class Cart {
  @Field(() => ID, { description: 'Opaque cart id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the cart belongs to.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('varchar', { length: 16 })
  status: CartStatus;

  @Field(() => ID, { nullable: true, description: "The signed-in customer's user id; null for a guest cart." })
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  /** SHA-256 of a guest cart's token; null for a customer's cart. */
  @Column('bytea', { name: 'token_hash', nullable: true })
  tokenHash: Buffer | null;

  @Field(() => String, {
    nullable: true,
    description: "The cart's currency (ISO 4217): the store's, or its first line's; null while neither is known. Lines in another currency are unavailable.",
  })
  @Column('char', { name: 'currency_code', length: 3, nullable: true })
  currencyCode: string | null;

  @Field(() => String, { nullable: true, description: 'Where to reach the shopper about this cart (abandoned-cart mail); null until given.' })
  @Column('varchar', { length: 320, nullable: true })
  email: string | null;

  @Field(() => CartAddress, { nullable: true, description: 'Where the cart ships (its tax and shipping region); null until given.' })
  @Column('jsonb', { name: 'shipping_address', nullable: true })
  shippingAddress: CartAddress | null;

  @Field(() => CartAddress, { nullable: true, description: 'Who is billed; null until given.' })
  @Column('jsonb', { name: 'billing_address', nullable: true })
  billingAddress: CartAddress | null;

  /** The shipping rate the shopper chose (a shipping method's id); priced again on every read, dropped from the totals while not offered. */
  @Column('varchar', { name: 'shipping_rate_id', length: 64, nullable: true })
  shippingRateId: string | null;

  @Field(() => String, { nullable: true, description: "The shopper's note for the order (at most 1000 characters); null when none." })
  @Column('varchar', { length: 1000, nullable: true })
  note: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A phone number to reach the shopper about delivery (setCartEmail); the shipping address's phone counts too.",
  })
  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  /** The total the shopper last saw at reviewCheckout, in minor units; null before any review. */
  @Column('bigint', { name: 'reviewed_total_amount', nullable: true, transformer: bigintAsNumber })
  reviewedTotalAmount: number | null;

  @Column({ type: 'timestamptz', name: 'reviewed_at', precision: 3, nullable: true })
  reviewedAt: Date | null;

  /** The idempotency key of the checkout that made the cart an order (its replays find it by this key). */
  @Column('varchar', { name: 'idempotency_key', length: 255, nullable: true })
  idempotencyKey: string | null;

  @Field(() => ID, { nullable: true, description: 'The order this cart became at completeCheckout; null while it is open.' })
  @Column('uuid', { name: 'order_id', nullable: true })
  orderId: string | null;

  /** The signed-in shopper who completed the checkout (a guest cart may be completed signed in); null for a guest. */
  @Column('uuid', { name: 'checked_out_by', nullable: true })
  checkedOutBy: string | null;

  @Column({ type: 'timestamptz', name: 'checked_out_at', precision: 3, nullable: true })
  checkedOutAt: Date | null;

  @Column('integer')
  version: number;

  @Field({ description: 'When the cart was created (UTC).' })
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the cart last changed (UTC).' })
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 })
  updatedAt: Date;

  @Field({ description: 'When the cart expires unless it changes before (UTC); an expired cart is no longer served.' })
  @Column({ type: 'timestamptz', name: 'expires_at', precision: 3 })
  expiresAt: Date;
}
