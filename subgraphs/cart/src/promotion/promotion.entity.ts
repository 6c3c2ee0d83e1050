import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@ultramarket/kit';
import { PromotionTargetKind, PromotionValueKind } from './promotion-kinds';

/**
 * A discount code (`code` set, upper case, unique in its store) or an automatic promotion (`code` null),
 * with every field the pricing engine's `Promotion` takes, its usage limits and how often it was used.
 * Amounts are minor units of the store's currency. Only the store's staff read or change it.
 */
@ObjectType({ description: "A discount code or an automatic promotion of the store (its staff only). Amounts are minor units of the store's currency." })
@Entity('promotion')
export class Promotion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'What shoppers see on their cart, e.g. "Summer sale".' })
  @Column('varchar', { length: 255 })
  title: string;

  @Field(() => String, { nullable: true, description: 'The code shoppers enter (upper case, unique in the store); null for an automatic promotion.' })
  @Column('varchar', { length: 64, nullable: true })
  code: string | null;

  @Field(() => PromotionValueKind, { description: 'What it takes off.' })
  @Column('varchar', { name: 'value_kind', length: 16 })
  valueKind: PromotionValueKind;

  @Field(() => Int, { nullable: true, description: 'PERCENTAGE, FREE_SHIPPING and BUY_X_GET_Y: the share off in basis points (10000 is everything).' })
  @Column('integer', { name: 'basis_points', nullable: true })
  basisPoints: number | null;

  @Field(() => Int, { nullable: true, description: 'FIXED_AMOUNT: the amount off, in minor units.' })
  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  amount: number | null;

  @Field(() => Int, { nullable: true, description: 'BUY_X_GET_Y: units to buy.' })
  @Column('integer', { name: 'buy_quantity', nullable: true })
  buyQuantity: number | null;

  @Field(() => Int, { nullable: true, description: 'BUY_X_GET_Y: units that then get the discount.' })
  @Column('integer', { name: 'get_quantity', nullable: true })
  getQuantity: number | null;

  @Field(() => PromotionTargetKind, { description: 'ORDER (every line) or LINES (the listed products, variants, collections).' })
  @Column('varchar', { name: 'target_kind', length: 8 })
  targetKind: PromotionTargetKind;

  @Field(() => [ID], { description: 'LINES: products whose lines it targets.' })
  @Column('uuid', { name: 'product_ids', array: true })
  productIds: string[];

  @Field(() => [ID], { description: 'LINES: variants whose lines it targets.' })
  @Column('uuid', { name: 'variant_ids', array: true })
  variantIds: string[];

  @Field(() => [ID], { description: 'LINES: collections whose products it targets.' })
  @Column('uuid', { name: 'collection_ids', array: true })
  collectionIds: string[];

  @Field(() => Int, { nullable: true, description: 'Subtotal of the target lines needed, in minor units.' })
  @Column('bigint', { name: 'minimum_subtotal', nullable: true, transformer: bigintAsNumber })
  minimumSubtotal: number | null;

  @Field(() => Int, { nullable: true, description: 'Units of the target lines needed.' })
  @Column('integer', { name: 'minimum_quantity', nullable: true })
  minimumQuantity: number | null;

  @Field(() => Date, { nullable: true, description: 'From when it applies (UTC); null: from its creation.' })
  @Column({ type: 'timestamptz', name: 'starts_at', nullable: true, precision: 3 })
  startsAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until when it applies (UTC, exclusive); null: no end.' })
  @Column({ type: 'timestamptz', name: 'ends_at', nullable: true, precision: 3 })
  endsAt: Date | null;

  @Field(() => Int, { description: 'Lower applies first (ties by id).' })
  @Column('integer')
  priority: number;

  @Field({ description: 'Whether it may apply together with other promotions (otherwise only the best single one applies).' })
  @Column('boolean')
  combinable: boolean;

  @Field(() => Int, { nullable: true, description: 'Orders it may be used in, in total; null: no limit.' })
  @Column('integer', { name: 'usage_limit', nullable: true })
  usageLimit: number | null;

  @Field(() => Int, { nullable: true, description: 'Orders one customer may use it in; null: no limit.' })
  @Column('integer', { name: 'usage_limit_per_customer', nullable: true })
  usageLimitPerCustomer: number | null;

  @Field(() => Int, { description: 'Placed orders that used it (counted at checkout completion, given back on cancellation).' })
  @Column('integer', { name: 'times_used' })
  timesUsed: number;

  @Field({ description: 'Whether it applies at all; deactivated promotions stay listed.' })
  @Column('boolean')
  active: boolean;

  @Field({ description: 'When it was created (UTC).' })
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
