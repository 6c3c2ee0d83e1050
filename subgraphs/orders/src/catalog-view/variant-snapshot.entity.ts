import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, type SelectedOptionValue } from '@ultramarket/kit';

/**
 * One variant catalog lists (or listed) for a product: what an order line sells and is priced from.
 * A variant catalog stops listing is kept with `listed = false` (no longer sellable) so nothing that
 * points at it is left dangling; the product's title, status and publication are its `ProductSnapshot`'s.
 */
@Entity('variant_snapshot')
export class VariantSnapshot {
  @PrimaryColumn('uuid', { name: 'variant_id' })
  variantId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  /** Its option values joined by " / " ("M / Red"), or "Default" for a product without options. */
  @Column('varchar', { length: 255 })
  title: string;

  @Column('varchar', { length: 255, nullable: true })
  sku: string | null;

  @Column('jsonb', { name: 'selected_options' })
  selectedOptions: SelectedOptionValue[];

  @Column('bigint', { name: 'price_amount', transformer: bigintAsNumber })
  priceAmount: number;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Column('boolean', { name: 'track_inventory' })
  trackInventory: boolean;

  @Column('integer')
  position: number;

  /** Whether the product's latest event still lists it: only a listed variant is sold. */
  @Column('boolean')
  listed: boolean;

  /** The product's aggregate version this row was last written from. */
  @Column('integer')
  version: number;
}
