import { Entity, PrimaryColumn } from 'typeorm';

/** One tag on one order (a row each, so a tag filter is a semi-join on an index row-level security can use). */
@Entity('order_tag')
export class OrderTag {
  @PrimaryColumn('uuid', { name: 'store_id' })
  storeId: string;

  @PrimaryColumn('varchar', { length: 40 })
  tag: string;

  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;
}
