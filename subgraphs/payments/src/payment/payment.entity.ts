import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintAsNumber, Money, type PaymentCaptureMode } from '@ultramarket/kit';
import { PaymentStatus } from './payment-status';
import { PaymentMethodKind } from '../manual-method/manual-method-kind';

/** One attempt to pay an order. Card numbers are never stored: only a summary to recognise a replay. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "One attempt to pay an order; a declined card is a FAILED payment and the shopper's next try is a new one." })
@Entity('payment')
@Index('payment_order_idempotency', ['orderId', 'idempotencyKey'], { unique: true })
export class Payment {
  @Field(() => ID, { description: 'Opaque payment id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the order was placed in.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The order this payment is for.' })
  @Column('uuid', { name: 'order_id' })
  orderId: string;

  /** The shopper's user id (null for guest orders), copied from the order for access checks and events. */
  @Column('text', { name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('bigint', { name: 'amount', transformer: bigintAsNumber })
  amountMinorUnits: number;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Field(() => PaymentStatus, { description: 'PENDING, SUCCEEDED, FAILED, REFUNDED, NEEDS_REVIEW, AUTHORIZED, PARTIALLY_CAPTURED or VOIDED.' })
  @Column('varchar', { length: 20 })
  status: PaymentStatus;

  @Field({ description: 'The provider that handled it: "simulated", "stripe", "paypal", or "manual" (no provider: staff mark it paid).' })
  @Column('varchar', { length: 16 })
  provider: string;

  @Column('varchar', { name: 'idempotency_key', length: 255 })
  idempotencyKey: string;

  /** `card:<last four>` or `token:<token>`: enough to tell a replay from a reused key, never a card number. */
  @Column('varchar', { name: 'payment_method', length: 300 })
  paymentMethod: string;

  @Field(() => PaymentMethodKind, { description: 'How it is paid: CARD through the provider, or a manual method that staff mark paid.' })
  @Column('varchar', { length: 24, default: PaymentMethodKind.CARD })
  method: PaymentMethodKind;

  @Field(() => String, {
    nullable: true,
    description: "What the shopper must do to pay a manual payment (the store's instructions when it was chosen); null for card payments.",
  })
  @Column('text', { nullable: true })
  instructions: string | null;

  /** The idempotency key of the markOrderAsPaid that settled this manual payment: the same key is answered again. */
  @Column('varchar', { name: 'marked_paid_key', length: 255, nullable: true })
  markedPaidKey: string | null;

  /** The staff member (user id) who marked this manual payment paid. */
  @Column('text', { name: 'marked_paid_by', nullable: true })
  markedPaidBy: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The provider's reference of the charge (a Stripe PaymentIntent id or a PayPal order id; for a manual payment the reference staff gave when marking it paid, e.g. the bank transfer's); null until then.",
  })
  @Column('varchar', { name: 'provider_reference', length: 255, nullable: true })
  providerReference: string | null;

  /** AUTOMATIC (a sale) or MANUAL (an authorization, captured later): the store's setting when the payment was made. */
  @Column('varchar', { name: 'capture_mode', length: 16, default: 'AUTOMATIC' })
  captureMode: PaymentCaptureMode;

  @Column('bigint', { name: 'captured_amount', default: 0, transformer: bigintAsNumber })
  capturedMinorUnits: number;

  @Field(() => Date, { nullable: true, description: "Until when an authorization can be captured (the provider's deadline); null for a sale." })
  @Column({ name: 'authorization_expires_at', type: 'timestamptz', precision: 3, nullable: true })
  authorizationExpiresAt: Date | null;

  /** How often reconciliation asked the provider about this PENDING payment. */
  @Column('integer', { name: 'reconcile_attempts', default: 0 })
  reconcileAttempts: number;

  /** When reconciliation may ask again (exponential backoff); null before its first attempt. */
  @Column({ name: 'next_reconcile_at', type: 'timestamptz', precision: 3, nullable: true })
  nextReconcileAt: Date | null;

  @VersionColumn()
  version: number;

  @Field({ description: 'When the payment was accepted (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When its status last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Money, { description: 'The amount charged, or authorized in a MANUAL-capture store: the order total.' })
  get amount(): Money {
    return Money.of(this.amountMinorUnits, this.currencyCode);
  }

  @Field(() => Money, { description: 'The money taken so far: the whole amount once a sale succeeded; the sum of the captures of an authorization.' })
  get capturedAmount(): Money {
    return Money.of(this.takenMinorUnits, this.currencyCode);
  }

  /** What the payment took (what refunds may give back): the captures of an authorization, the whole amount of a sale that succeeded. */
  get takenMinorUnits(): number {
    return this.captureMode === 'MANUAL' ? this.capturedMinorUnits : this.status === 'SUCCEEDED' || this.status === 'REFUNDED' ? this.amountMinorUnits : 0;
  }
}
