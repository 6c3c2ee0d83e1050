import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Catalog's Product as cart refers to it: only the key; catalog resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Product', { description: 'A product a store sells.' })
export class ProductReference {
  @Field(() => ID, { description: 'Opaque product id.' })
  id: string;

  static of(id: string): ProductReference {
    return Object.assign(new ProductReference(), { id });
  }
}
