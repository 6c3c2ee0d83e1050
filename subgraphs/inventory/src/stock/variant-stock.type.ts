import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Catalog's ProductVariant, seen from inventory: only its key; inventory adds the stock fields. It is
 * resolvable here (not `resolvable: false`) because inventory contributes fields to it.
 */
@Directive('@key(fields: "id")')
@ObjectType('ProductVariant', { description: 'One sellable version of a product (a size, a colour).' })
export class VariantStock {
  @Field(() => ID, { description: 'Opaque variant id (a product’s default variant has the product’s id).' })
  id: string;

  static of(id: string): VariantStock {
    return Object.assign(new VariantStock(), { id });
  }
}
