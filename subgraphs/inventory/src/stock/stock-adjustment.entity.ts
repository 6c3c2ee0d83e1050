import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a stock adjustment did (a transfer writes one of each side). */
export enum StockChangeKind {
  ADJUST = 'ADJUST',
  SET = 'SET',
  INCOMING = 'INCOMING',
  THRESHOLD = 'THRESHOLD',
  TRANSFER_OUT = 'TRANSFER_OUT',
  TRANSFER_IN = 'TRANSFER_IN',
}

/** One manual stock change of one item; its idempotency key makes a retried request a no-op. */
@Entity('stock_adjustment')
@Index('stock_adjustment_idempotency', ['storeId', 'idempotencyKey'], { unique: true })
export class StockAdjustment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'variant_id' })
  variantId: string;

  @Column('uuid', { name: 'location_id' })
  locationId: string;

  @Column('varchar', { length: 16 })
  kind: StockChangeKind;

  /** Change of on-hand units (0 for incoming and threshold changes). */
  @Column('integer')
  delta: number;

  /** The value asked for by setStock, setIncoming and setLowStockThreshold. */
  @Column('integer', { name: 'set_to', nullable: true })
  setTo: number | null;

  @Column('varchar', { length: 200 })
  reason: string;

  @Column('varchar', { name: 'idempotency_key', length: 100 })
  idempotencyKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
