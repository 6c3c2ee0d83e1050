import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ShipmentStatus } from './shipment-status';

/** A parcel handed to a carrier for (part of) an order: who carries it, how to track it, and what is in it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A parcel handed to a carrier for (part of) an order: its carrier, tracking and lines.' })
@Entity('shipment')
export class Shipment {
  @Field(() => ID, { description: 'Opaque shipment id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store that shipped it.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The order it fulfils (see `order`).' })
  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Field(() => ID, { nullable: true, description: 'The shipping method whose carrier carries it; null for a carrier named by hand.' })
  @Column('uuid', { name: 'shipping_method_id', nullable: true })
  shippingMethodId: string | null;

  @Field({ description: 'The carrier integration: MANUAL (the merchant ships and reports tracking) for now.' })
  @Column('varchar', { name: 'carrier_code', length: 32 })
  carrierCode: string;

  @Field({ description: 'The carrier shoppers see, e.g. "UPS".' })
  @Column('varchar', { name: 'carrier_name', length: 100 })
  carrierName: string;

  @Field({ description: "The carrier's tracking number." })
  @Column('varchar', { name: 'tracking_number', length: 100 })
  trackingNumber: string;

  @Field(() => String, { nullable: true, description: "Where the shopper follows the parcel: the carrier's tracking page, else the one given; null for none." })
  @Column('varchar', { name: 'tracking_url', length: 500, nullable: true })
  trackingUrl: string | null;

  @Field(() => ShipmentStatus, { description: 'Where the parcel is, as last reported.' })
  @Column('varchar', { length: 32 })
  status: ShipmentStatus;

  @VersionColumn()
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When its tracking last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** How many of one ordered variant a shipment holds. */
@ObjectType({ description: 'How many of one ordered variant a shipment holds.' })
@Entity('shipment_line')
export class ShipmentLine {
  @PrimaryColumn('uuid', { name: 'shipment_id' })
  shipmentId: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: "The ordered variant (the order line's variantId)." })
  @PrimaryColumn('uuid', { name: 'variant_id' })
  variantId: string;

  @Field(() => Int, { description: 'How many of it are in the parcel.' })
  @Column('integer')
  quantity: number;
}

/** One entry of a shipment's tracking history. */
@ObjectType({ description: "One entry of a shipment's tracking history." })
@Entity('shipment_tracking_event')
export class ShipmentTrackingEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'shipment_id' })
  shipmentId: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ShipmentStatus, { description: 'The status reported.' })
  @Column('varchar', { length: 32 })
  status: ShipmentStatus;

  @Field(() => String, { nullable: true, description: 'The carrier\'s or staff member\'s words, e.g. "Left at the depot".' })
  @Column('varchar', { length: 500, nullable: true })
  message: string | null;

  @Field({ description: 'When it happened, as reported (UTC).' })
  @Column({ type: 'timestamptz', name: 'occurred_at', precision: 3 })
  occurredAt: Date;

  @Field({ description: 'When shipping recorded it (UTC).' })
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
