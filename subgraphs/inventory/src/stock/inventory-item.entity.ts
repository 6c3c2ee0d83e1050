import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Stock of one variant at one location: what is on hand, what orders hold, what is on its way, and when to warn. */
@ObjectType({ description: 'Stock of one product variant at one location.' })
@Entity('inventory_item')
export class InventoryItem {
  @Field(() => ID, { description: 'Opaque inventory item id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The product whose variant this stock is of.' })
  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Field(() => ID, { description: 'The variant this stock is of (a product without options: its default variant, whose id is the product’s).' })
  @Column('uuid', { name: 'variant_id' })
  variantId: string;

  @Field(() => ID, { description: 'The location where the stock is kept.' })
  @Column('uuid', { name: 'location_id' })
  locationId: string;

  @Field(() => ID, { description: 'The store that owns the stock.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => Int, { description: 'Units physically in stock.' })
  @Column('integer', { name: 'on_hand' })
  onHand: number;

  @Field(() => Int, { description: 'Units held for orders not yet paid or shipped.' })
  @Column('integer')
  reserved: number;

  @Field(() => Int, { description: 'Units on their way here (ordered from a supplier or in transfer); not for sale yet.' })
  @Column('integer')
  incoming: number;

  @Field(() => Int, { description: 'When available stock falls to this number, a low-stock alert is raised.' })
  @Column('integer', { name: 'low_stock_threshold' })
  lowStockThreshold: number;

  @VersionColumn()
  version: number;

  @Field({ description: 'When the item was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When stock last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Units that can be sold now: onHand − reserved.' })
  get available(): number {
    return this.onHand - this.reserved;
  }
}
