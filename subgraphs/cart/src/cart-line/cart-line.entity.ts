import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One variant in a cart and how many units: the same variant twice is one line. What it costs is read from the catalog view. */
@Entity('cart_line')
export class CartLineRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'cart_id' })
  cartId: string;

  @Column('uuid', { name: 'variant_id' })
  variantId: string;

  @Column('integer')
  quantity: number;

  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
