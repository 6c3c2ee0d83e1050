import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReturnReason } from './return-status';

/** Units of one order line in a return, why they come back, and whether they go back on the shelf. */
@ObjectType({ description: 'Units of one order line in a return.' })
@Entity('order_return_line')
export class ReturnLine {
  @Field(() => ID, { description: 'Opaque return line id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'return_id' })
  returnId: string;

  @Field(() => ID, { description: 'The order line (`Order.lineItems.id`).' })
  @Column('uuid', { name: 'line_item_id' })
  lineItemId: string;

  @Field(() => Int, { description: 'Units returned.' })
  @Column('integer')
  quantity: number;

  @Field(() => ReturnReason, { description: 'Why they come back.' })
  @Column('varchar', { length: 24 })
  reason: ReturnReason;

  @Field(() => String, { nullable: true, description: 'The shopper’s words about this line.' })
  @Column('text', { nullable: true })
  note: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the units go back into stock, as the staff decided on receiving them; null: decided at the refund.',
  })
  @Column('boolean', { nullable: true })
  restock: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Where restocked units go; null: where the stock was committed from.' })
  @Column('uuid', { name: 'location_id', nullable: true })
  locationId: string | null;
}
