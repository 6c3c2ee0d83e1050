import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber, Money } from '@ultramarket/kit';
import { RefundStatus } from './refund-status';

/** Money given back on an order (orders owns it; payments moves the money and answers). */
@ObjectType({ description: 'Money given back on an order: by line and quantity, shipping, or an explicit amount.' })
@Entity('order_refund')
export class Refund {
  @Field(() => ID, { description: 'Opaque refund id; the payment provider’s idempotency key.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The order refunded.' })
  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Field(() => RefundStatus, { description: 'Where the refund is.' })
  @Column('varchar', { length: 16 })
  status: RefundStatus;

  @Column('bigint', { name: 'amount', transformer: bigintAsNumber })
  amountMinorUnits: number;

  @Column('bigint', { name: 'shipping_amount', transformer: bigintAsNumber })
  shippingAmount: number;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Field({ description: 'Why the money is given back (staff’s words).' })
  @Column('varchar', { length: 500 })
  reason: string;

  @Field(() => String, { nullable: true, description: 'A note for the store’s staff.' })
  @Column('text', { nullable: true })
  note: string | null;

  @Column('varchar', { name: 'idempotency_key', length: 100, nullable: true })
  idempotencyKey: string | null;

  @Field(() => String, { nullable: true, description: 'Why the provider refused it, when FAILED.' })
  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Field(() => Int, { description: 'How many times it was asked of payments (1, plus one per retryRefund).' })
  @Column('integer')
  attempts: number;

  /** The staff member who asked for it (null: the platform). */
  @Column('uuid', { name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @Field({ description: 'When it was asked for (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Money, { description: 'What the refund gives back, shipping included.' })
  get amount(): Money {
    return Money.of(this.amountMinorUnits, this.currencyCode);
  }

  @Field(() => Money, { description: 'The part of the amount that is shipping.' })
  get shipping(): Money {
    return Money.of(this.shippingAmount, this.currencyCode);
  }
}
