import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Catalog's ProductVariant as cart refers to it: only the key; catalog resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('ProductVariant', { description: "One sellable version of a product: a combination of the product's option values, with its own SKU and price." })
export class VariantReference {
  @Field(() => ID, { description: 'Opaque variant id; a product without options has one default variant whose id is the product’s.' })
  id: string;

  static of(id: string): VariantReference {
    return Object.assign(new VariantReference(), { id });
  }
}
