import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationType } from './notification-type';

/**
 * A message for one user (`userId` set) or for every member of a store's staff (`userId` null).
 * `isRead` is not a column: read state is per reader, kept in `notification_read_receipt`.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A message for a user, or for all staff of a store, about their orders, payments or stock.' })
@Entity('notification')
export class Notification {
  @Field(() => ID, { description: 'Opaque notification id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { nullable: true, description: "The user it is for; null for a store-wide notification shown to the store's staff." })
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Field(() => ID, { description: 'The store it concerns.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => NotificationType, { description: 'What it is about: ORDER, PAYMENT, DISPATCH or STOCK.' })
  @Column('varchar', { length: 16 })
  type: NotificationType;

  @Field({ description: 'Short headline, e.g. "Order #1001 confirmed".' })
  @Column('varchar', { length: 200 })
  title: string;

  @Field({ description: 'The full message in plain text.' })
  @Column('text')
  message: string;

  @Field(() => ID, { nullable: true, description: 'The order it is about, if any.' })
  @Column('uuid', { name: 'order_id', nullable: true })
  orderId: string | null;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('varchar', { name: 'dedupe_key', length: 200, nullable: true })
  dedupeKey: string | null;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
