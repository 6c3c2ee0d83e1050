import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** At most 3 options per product, at most 100 values each (see option-rules.ts). */
export const MAX_OPTIONS = 3;
export const MAX_OPTION_VALUES = 100;

/** A way a product varies (Size, Colour) and the values it comes in. */
@ObjectType({ description: 'A way a product varies (Size, Colour) and the values it comes in, in display order.' })
@Entity('product_option')
export class ProductOption {
  @Field(() => ID, { description: 'Opaque option id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Field({ description: 'Name, unique within the product ("Size").' })
  @Column('varchar', { length: 255 })
  name: string;

  @Field(() => Int, { description: 'Place among the product’s options, from 0; variants list their values in this order.' })
  @Column('integer')
  position: number;

  @Field(() => [String], { description: 'Values in display order ("S", "M", "L"), unique within the option.' })
  @Column('text', { array: true })
  values: string[];
}

/** One option value of a variant (orders resolves it too, for an order line's options: shareable). */
@Directive('@shareable')
@ObjectType({ description: 'The value a variant has for one of its product’s options.' })
export class SelectedOption {
  @Field({ description: 'Option name ("Size").' })
  name: string;

  @Field({ description: 'Value ("M").' })
  value: string;

  static of(name: string, value: string): SelectedOption {
    return Object.assign(new SelectedOption(), { name, value });
  }
}
