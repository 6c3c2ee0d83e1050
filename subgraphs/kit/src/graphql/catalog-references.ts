import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Catalog's types as the subgraphs that sell its products (orders, cart) name them in their own schemas:
 * the entities by key only (catalog and inventory resolve the rest), and the option values as a
 * shareable value type (catalog's says so too), with catalog's descriptions.
 */

/** Catalog's Product by its key. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Product', { description: 'A product a store sells.' })
export class ProductReference {
  @Field(() => ID, { description: 'Opaque product id.' })
  id: string;

  static of(id: string): ProductReference {
    return Object.assign(new ProductReference(), { id });
  }
}

/** Catalog's ProductVariant by its key. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('ProductVariant', { description: "One sellable version of a product: a combination of the product's option values, with its own SKU and price." })
export class VariantReference {
  @Field(() => ID, { description: 'Opaque variant id; a product without options has one default variant whose id is the product’s.' })
  id: string;

  static of(id: string): VariantReference {
    return Object.assign(new VariantReference(), { id });
  }
}

/** Catalog's `SelectedOption`: an order line keeps the values it was sold with, a cart line shows its variant's. */
@Directive('@shareable')
@ObjectType('SelectedOption', { description: 'The value a variant has for one of its product’s options.' })
export class SelectedOption {
  @Field({ description: 'Option name ("Size").' })
  name: string;

  @Field({ description: 'Value ("M").' })
  value: string;
}
