import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Catalog's Product, seen from reviews: only its key; reviews adds its rating and reviews. */
@Directive('@key(fields: "id")')
@ObjectType('Product', { description: 'A product a store sells.' })
export class ProductReviews {
  @Field(() => ID, { description: 'Opaque product id.' })
  id: string;

  static of(id: string): ProductReviews {
    return Object.assign(new ProductReviews(), { id });
  }
}
