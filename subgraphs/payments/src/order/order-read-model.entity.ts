import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '@ultramarket/kit';

/**
 * What payments knows about an order, built from events (orders owns orders): who may pay it, how
 * much, and whether it can be paid now. Events of one order arrive in any order across types, so
 * every column is filled by whichever event brings it; closing is final.
 */
@Entity('order_read_model')
export class OrderReadModel {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  /** Every event of the saga names the order's store (row-level security binds the row to it). */
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('varchar', { name: 'order_number', length: 50, nullable: true })
  orderNumber: string | null;

  /** The shopper's user id; null for a guest order (or until orders.created arrives). */
  @Column('text', { name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('bigint', { name: 'total_amount', nullable: true, transformer: bigintAsNumber })
  totalAmount: number | null;

  @Column('char', { name: 'currency_code', length: 3, nullable: true })
  currencyCode: string | null;

  /** Set by orders.created: until then the order is unknown, whatever else arrived. */
  @Column('timestamptz', { name: 'placed_at', nullable: true })
  placedAt: Date | null;

  /** Set by inventory.reserved: the order can be paid until then. */
  @Column('timestamptz', { name: 'reserved_until', nullable: true })
  reservedUntil: Date | null;

  /** Set by orders.cancelled, inventory.released or inventory.commit-failed: never payable again. */
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('text', { name: 'closed_reason', nullable: true })
  closedReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export enum Payability {
  /** orders.created has not arrived (yet). */
  UNKNOWN = 'UNKNOWN',
  /** Known, but its stock is not reserved yet: inventory.reserved may still come. */
  AWAITING_RESERVATION = 'AWAITING_RESERVATION',
  PAYABLE = 'PAYABLE',
  /** The reservation ran out; inventory.released will follow. */
  EXPIRED = 'EXPIRED',
  CLOSED = 'CLOSED',
}

export function payabilityOf(order: OrderReadModel | null, now: Date = new Date()): Payability {
  if (order?.closedAt) return Payability.CLOSED;
  if (!order?.placedAt) return Payability.UNKNOWN;
  if (!order.reservedUntil) return Payability.AWAITING_RESERVATION;
  return order.reservedUntil > now ? Payability.PAYABLE : Payability.EXPIRED;
}
