import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@ultramarket/kit';

/** Units of one order line given back by a refund, and whether they go back on the shelf. */
@ObjectType({ description: 'Units of one order line a refund gives back.' })
@Entity('order_refund_line')
export class RefundLine {
  @Field(() => ID, { description: 'Opaque refund line id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'refund_id' })
  refundId: string;

  @Field(() => ID, { description: 'The order line refunded.' })
  @Column('uuid', { name: 'line_item_id' })
  lineItemId: string;

  @Field(() => Int, { description: 'Units refunded.' })
  @Column('integer')
  quantity: number;

  /** The line's share of the refund (its total after discounts, incl. tax, pro rata by quantity). */
  @Column('bigint', { transformer: bigintAsNumber })
  amount: number;

  @Field({ description: 'Whether the units go back into stock.' })
  @Column('boolean')
  restock: boolean;

  @Field(() => ID, { nullable: true, description: 'Where restocked units go; null: where the stock was committed from.' })
  @Column('uuid', { name: 'location_id', nullable: true })
  locationId: string | null;
}
