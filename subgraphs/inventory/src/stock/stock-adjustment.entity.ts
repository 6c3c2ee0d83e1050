import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One manual stock change; its idempotency key makes a retried request a no-op. */
@Entity('stock_adjustment')
@Index('stock_adjustment_idempotency', ['storeId', 'idempotencyKey'], { unique: true })
export class StockAdjustment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('integer')
  delta: number;

  @Column('varchar', { length: 200 })
  reason: string;

  @Column('varchar', { name: 'idempotency_key', length: 100 })
  idempotencyKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
