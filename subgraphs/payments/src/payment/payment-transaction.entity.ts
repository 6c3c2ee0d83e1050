import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber, Money } from '@ultramarket/kit';
import { PaymentTransactionStatus, PaymentTransactionType } from './payment-transaction-kind';

/** One call to the payment provider on behalf of a payment: the sale, later maybe its refund. */
@ObjectType({ description: 'One call to the payment provider: a sale, a refund, …' })
@Entity('payment_transaction')
@Index('payment_transaction_payment', ['paymentId', 'createdAt'])
export class PaymentTransaction {
  @Field(() => ID, { description: 'Opaque transaction id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId: string;

  /** The payment's store (row-level security binds every row to one). */
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => PaymentTransactionType, { description: 'AUTHORIZATION, CAPTURE, SALE, REFUND or VOID.' })
  @Column('varchar', { length: 16 })
  type: PaymentTransactionType;

  @Field(() => PaymentTransactionStatus, { description: 'PENDING, SUCCEEDED or FAILED.' })
  @Column('varchar', { length: 16 })
  status: PaymentTransactionStatus;

  @Column('bigint', { name: 'amount', transformer: bigintAsNumber })
  amountMinorUnits: number;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Field(() => String, { nullable: true, description: "The provider's reference (a Stripe PaymentIntent or Refund id; a PayPal order or refund id)." })
  @Column('varchar', { name: 'provider_reference', length: 255, nullable: true })
  providerReference: string | null;

  @Field(() => String, { nullable: true, description: 'Why the provider refused, in its words, e.g. card_declined or insufficient_funds.' })
  @Column('varchar', { name: 'error_code', length: 100, nullable: true })
  errorCode: string | null;

  @Field(() => String, { nullable: true, description: "The provider's explanation, fit to show the shopper." })
  @Column('text', { name: 'error_message', nullable: true })
  errorMessage: string | null;

  /** The key a capture or void was asked with (staff's idempotencyKey, or the shipment's): asked again, it is made once. */
  @Column('varchar', { name: 'idempotency_key', length: 255, nullable: true })
  idempotencyKey: string | null;
  @Field(() => ID, { nullable: true, description: 'The order’s refund (`Order.refunds.id`) a REFUND transaction was made for; null otherwise.' })
  @Column('uuid', { name: 'refund_id', nullable: true })
  refundId: string | null;

  @Field({ description: 'When the call was made (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field(() => Money, { description: 'The amount moved.' })
  get amount(): Money {
    return Money.of(this.amountMinorUnits, this.currencyCode);
  }
}
