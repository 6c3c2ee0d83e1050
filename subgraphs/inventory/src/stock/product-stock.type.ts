import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Catalog's Product, seen from inventory: only its key; inventory adds the stock fields. */
@Directive('@key(fields: "id")')
@ObjectType('Product', { description: 'A product a store sells.' })
export class ProductStock {
  @Field(() => ID, { description: 'Opaque product id.' })
  id: string;

  static of(id: string): ProductStock {
    return Object.assign(new ProductStock(), { id });
  }
}
