import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@ultramarket/kit';

/**
 * An order as customers knows it, from orders.created and the payment events. `customerId` is null
 * while a payment event has overtaken the order's orders.created; `paidAmount` is paid minus
 * refunded, already counted in the customer's totalSpent once the customer is known.
 */
@Entity('customer_order')
export class CustomerOrder {
  @PrimaryColumn('uuid', { name: 'store_id' })
  storeId: string;

  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @Column('uuid', { name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column({ type: 'timestamptz', name: 'placed_at', precision: 3, nullable: true })
  placedAt: Date | null;

  @Column('bigint', { name: 'total_amount', nullable: true, transformer: bigintAsNumber })
  totalAmount: number | null;

  @Column('char', { name: 'currency_code', length: 3, nullable: true })
  currencyCode: string | null;

  @Column('bigint', { name: 'paid_amount', default: 0, transformer: bigintAsNumber })
  paidAmount: number;
}
