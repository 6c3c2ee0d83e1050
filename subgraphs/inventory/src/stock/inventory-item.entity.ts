import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Stock of one product: what is on hand, what orders hold, and when to warn. */
@ObjectType({ description: 'Stock of one product.' })
@Entity('inventory_item')
export class InventoryItem {
  @Field(() => ID, { description: 'Opaque inventory item id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The product this stock is of.' })
  @Column('uuid', { name: 'product_id', unique: true })
  productId: string;

  @Field(() => ID, { description: 'The store that owns the stock.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => Int, { description: 'Units physically in stock.' })
  @Column('integer', { name: 'on_hand' })
  onHand: number;

  @Field(() => Int, { description: 'Units held for orders not yet paid or shipped.' })
  @Column('integer')
  reserved: number;

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
