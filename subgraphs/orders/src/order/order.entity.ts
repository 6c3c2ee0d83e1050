import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintAsNumber, Money } from '@ultramarket/kit';
import { FulfillmentStatus, OrderStatus, PaymentStatus, ReservationStatus } from './order-status';
import { OrderCancelReason } from './cancel-reason';
import { ShippingAddress } from './shipping-address';
import {
  OrderBillingAddress,
  OrderDiscountApplication,
  OrderShippingLine,
  OrderTaxLine,
  type StoredDiscount,
  type StoredShippingLine,
  type StoredTaxLine,
} from './order-charges';

/** An order: a snapshot of what was bought at which price, and where it is in the saga. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An order placed in a store.' })
@Entity('customer_order')
export class Order {
  @Field(() => ID, { description: 'Opaque order id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the order was placed in.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('integer')
  number: number;

  @Field(() => ID, { nullable: true, description: 'The shopper’s user id; null for guest checkouts.' })
  @Column('uuid', { name: 'customer_id', nullable: true })
  customerId: string | null;

  @Field({ description: 'Where order emails go.' })
  @Column('varchar', { length: 320 })
  email: string;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Column('bigint', { name: 'subtotal_amount', transformer: bigintAsNumber })
  subtotalAmount: number;

  @Column('bigint', { name: 'shipping_amount', transformer: bigintAsNumber })
  shippingAmount: number;

  @Column('bigint', { name: 'tax_amount', transformer: bigintAsNumber })
  taxAmount: number;

  @Column('bigint', { name: 'discount_amount', transformer: bigintAsNumber })
  discountAmount: number;

  @Column('bigint', { name: 'total_amount', transformer: bigintAsNumber })
  totalAmount: number;

  /**
   * What payments took for the order so far: the total once paid by a sale or marked paid, else the sum of the
   * captures of its authorization (payments.captured / payments.voided carry it). Refunds never exceed it.
   */
  @Column('bigint', { name: 'captured_amount', transformer: bigintAsNumber, default: 0 })
  capturedAmount: number;

  /** What refunds gave back (added once per refund as payments confirms it). */
  @Column('bigint', { name: 'refunded_amount', transformer: bigintAsNumber, default: 0 })
  refundedAmount: number;

  @Field(() => ShippingAddress, { nullable: true, description: 'Where the order is shipped; null for a checkout with nothing to ship.' })
  @Column('jsonb', { name: 'shipping_address', nullable: true })
  shippingAddress: ShippingAddress | null;

  @Field(() => OrderBillingAddress, { nullable: true, description: 'Who the order is billed to; null when the checkout gave no billing address.' })
  @Column('jsonb', { name: 'billing_address', nullable: true })
  billingAddress: OrderBillingAddress | null;

  @Field(() => String, { nullable: true, description: 'The shopper’s note to the store, given at checkout.' })
  @Column('text', { nullable: true })
  note: string | null;

  /** The cart checked out into this order (null for orders placed before carts). */
  @Column('uuid', { name: 'cart_id', nullable: true })
  cartId: string | null;

  /** Whether the lines' prices include tax (the store's setting when it was priced): how subtotal and taxTotal add up to total. */
  @Column('boolean', { name: 'prices_include_tax', default: false })
  pricesIncludeTax: boolean;

  @Column('jsonb', { name: 'tax_lines', default: () => "'[]'" })
  storedTaxLines: StoredTaxLine[];

  @Column('jsonb', { name: 'discount_applications', default: () => "'[]'" })
  storedDiscounts: StoredDiscount[];

  @Column('jsonb', { name: 'shipping_line', nullable: true })
  storedShippingLine: StoredShippingLine | null;

  @Field(() => OrderStatus, { description: 'Where the order is in its life.' })
  @Column('varchar', { length: 32 })
  status: OrderStatus;

  @Field(() => PaymentStatus, { description: 'Whether it has been paid.' })
  @Column('varchar', { name: 'payment_status', length: 16 })
  paymentStatus: PaymentStatus;

  @Field(() => FulfillmentStatus, {
    description: 'How much of it has shipped and arrived (its lines’ fulfilledQuantity and cancelledQuantity say which units).',
  })
  @Column('varchar', { name: 'fulfillment_status', length: 24, default: FulfillmentStatus.UNFULFILLED })
  fulfillmentStatus: FulfillmentStatus;

  /** What the unshipped remainder cancelled by cancelOrderRemainder was worth (null: none cancelled), so later values add up to the total. */
  @Column('bigint', { name: 'cancelled_remainder_amount', transformer: bigintAsNumber, nullable: true })
  cancelledRemainderAmount: number | null;

  @Field(() => ReservationStatus, { description: 'Whether stock is held for it.' })
  @Column('varchar', { name: 'reservation_status', length: 16 })
  reservationStatus: ReservationStatus;

  @Field(() => Date, { nullable: true, description: 'When the stock reservation lapses unless the order is paid.' })
  @Column('timestamptz', { name: 'reservation_expires_at', nullable: true })
  reservationExpiresAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the order was cancelled, in words: the note given to cancelOrder, or the platform’s explanation.' })
  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Field(() => OrderCancelReason, { nullable: true, description: 'Why the order was cancelled, as a code: what the shopper is told.' })
  @Column('varchar', { name: 'cancel_reason_code', length: 32, nullable: true })
  cancelReasonCode: OrderCancelReason | null;

  /** The client address of a guest's checkout (open unpaid guest orders are capped per address); null for signed-in shoppers. */
  @Column('varchar', { name: 'client_address', length: 64, nullable: true })
  clientAddress: string | null;

  /**
   * Carrier and tracking number of orders dispatched before shipments moved to the shipping subgraph, which no
   * longer change. Hidden from clients: shipping's deprecated `Order.carrier`/`trackingNumber` require them.
   */
  @Directive('@inaccessible')
  @Field(() => String, { name: 'legacyCarrier', nullable: true, description: 'Carrier of an order dispatched before shipments existed.' })
  @Column('varchar', { length: 100, nullable: true })
  carrier: string | null;

  @Directive('@inaccessible')
  @Field(() => String, { name: 'legacyTrackingNumber', nullable: true, description: 'Tracking number of an order dispatched before shipments existed.' })
  @Column('varchar', { name: 'tracking_number', length: 100, nullable: true })
  trackingNumber: string | null;

  @Column('varchar', { name: 'idempotency_key', length: 100 })
  idempotencyKey: string;

  @VersionColumn()
  version: number;

  @Field({ description: 'When it was placed (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field({ description: 'Human-readable number, unique within the store, e.g. "#1001".' })
  get orderNumber(): string {
    return `#${this.number}`;
  }

  @Field(() => Money, { description: 'Sum of the line totals.' })
  get subtotal(): Money {
    return Money.of(this.subtotalAmount, this.currencyCode);
  }

  @Field(() => Money, { description: 'Shipping charged.' })
  get shippingTotal(): Money {
    return Money.of(this.shippingAmount, this.currencyCode);
  }

  @Field(() => Money, { description: 'Tax charged.' })
  get taxTotal(): Money {
    return Money.of(this.taxAmount, this.currencyCode);
  }

  @Field(() => Money, { description: 'Discounts applied.' })
  get discountTotal(): Money {
    return Money.of(this.discountAmount, this.currencyCode);
  }

  @Field(() => Money, { description: 'What the shopper pays: subtotal + shipping + tax − discounts (tax not added again when prices include it).' })
  get total(): Money {
    return Money.of(this.totalAmount, this.currencyCode);
  }

  @Field(() => Money, {
    description:
      'What the payment took so far: the total once paid, or the captures of an authorization (MANUAL capture: taken as the order ships). Refunds never exceed it.',
  })
  get totalCaptured(): Money {
    return Money.of(this.capturedAmount, this.currencyCode);
  }

  @Field(() => [OrderTaxLine], { description: 'Every tax charged, as priced at checkout; they add up to taxTotal.' })
  get taxLines(): OrderTaxLine[] {
    return (this.storedTaxLines ?? []).map((line) => OrderTaxLine.of(line, this.currencyCode));
  }

  @Field(() => [OrderDiscountApplication], { description: 'The promotions and discount codes applied at checkout; they add up to discountTotal.' })
  get discountApplications(): OrderDiscountApplication[] {
    return (this.storedDiscounts ?? []).map((discount) => OrderDiscountApplication.of(discount, this.currencyCode));
  }

  @Field(() => OrderShippingLine, {
    nullable: true,
    description: 'The shipping rate chosen at checkout; null when none was (nothing to ship, or orders placed before carts).',
  })
  get shippingLine(): OrderShippingLine | null {
    return this.storedShippingLine ? OrderShippingLine.of(this.storedShippingLine, this.currencyCode) : null;
  }
}
