import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrderStatus } from './order-status';

/** One entry of an order's status history: every change lands here. */
@ObjectType({ description: 'A status an order entered, when and why.' })
@Entity('order_status_change')
export class OrderStatusChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  /** The order's store (row-level security binds every row to one). */
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => OrderStatus, { description: 'The status entered.' })
  @Column('varchar', { length: 32 })
  status: OrderStatus;

  @Field(() => String, { nullable: true, description: 'Why, when there is more to say than the status.' })
  @Column('text', { nullable: true })
  message: string | null;

  /** The payment the change is about (payment statuses only): how a late payments.initiated knows its payment already settled. */
  @Column('uuid', { name: 'payment_id', nullable: true })
  paymentId: string | null;

  @Field({ description: 'When (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  at: Date;
}
