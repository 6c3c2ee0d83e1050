import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReturnStatus } from './return-status';

/** Units of an order sent back by its shopper, and where that stands (orders owns it). */
@ObjectType({ description: 'A return of delivered units of an order: its lines, where it stands, and who did each step when.' })
@Entity('order_return')
export class Return {
  @Field(() => ID, { description: 'Opaque return id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The order returned from.' })
  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Field(() => ReturnStatus, { description: 'Where the return stands.' })
  @Column('varchar', { length: 16 })
  status: ReturnStatus;

  @Field(() => String, { nullable: true, description: 'What the shopper (or the staff asking for them) wrote.' })
  @Column('text', { name: 'customer_note', nullable: true })
  customerNote: string | null;

  @Field(() => String, { nullable: true, description: 'Why the staff rejected it, when REJECTED (the shopper is told).' })
  @Column('varchar', { name: 'reject_reason', length: 500, nullable: true })
  rejectReason: string | null;

  @Column('uuid', { name: 'refund_id', nullable: true })
  refundId: string | null;

  /** Bumped on every step: subscribers are never pushed an older step after a newer one. */
  @Column('integer', { default: 1 })
  version: number;

  @Field(() => ID, { nullable: true, description: 'Who asked for it (the shopper or a staff member).' })
  @Column('uuid', { name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who approved it.' })
  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was approved (UTC).' })
  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who rejected it.' })
  @Column('uuid', { name: 'rejected_by', nullable: true })
  rejectedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was rejected (UTC).' })
  @Column('timestamptz', { name: 'rejected_at', nullable: true })
  rejectedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who marked the units received.' })
  @Column('uuid', { name: 'received_by', nullable: true })
  receivedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When the units were marked received (UTC).' })
  @Column('timestamptz', { name: 'received_at', nullable: true })
  receivedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who asked for its refund.' })
  @Column('uuid', { name: 'refund_requested_by', nullable: true })
  refundRequestedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When its refund succeeded (UTC).' })
  @Column('timestamptz', { name: 'refunded_at', nullable: true })
  refundedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who closed it without a refund.' })
  @Column('uuid', { name: 'closed_by', nullable: true })
  closedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed without a refund (UTC).' })
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Field({ description: 'When it was asked for (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
