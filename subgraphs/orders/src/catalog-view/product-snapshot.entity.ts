import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@ultramarket/kit';

/**
 * Orders' own read model of catalog products, kept from catalog events: prices never come from the
 * client, and placing an order never calls another subgraph. The product's part (title, status,
 * publication, lowest price) and the version that decides which event wins; what is sold is one of its
 * variants (`VariantSnapshot`).
 */
@Entity('product_snapshot')
export class ProductSnapshot {
  @PrimaryColumn('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('varchar', { length: 255 })
  title: string;

  @Column('varchar', { length: 16 })
  status: string;

  @Column('bigint', { name: 'price_amount', transformer: bigintAsNumber })
  priceAmount: number;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  /** When the product goes on sale (with status ACTIVE); null means as soon as it is ACTIVE. */
  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  /** The catalog's aggregate version: an older event never overwrites a newer one. */
  @Column('integer')
  version: number;
}
