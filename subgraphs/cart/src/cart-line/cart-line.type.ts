import { Money, ProductReference, SelectedOption, VariantReference } from '@ultramarket/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CartDiscountAllocation } from '../cart-discount/cart-discount.types';

/** A cart line as the shopper sees it: the variant, its current price, and whether it can still be bought. */
@ObjectType('CartLine', { description: 'One variant in a cart, priced at its current catalog price.' })
export class CartLine {
  @Field(() => ID, { description: 'Opaque line id.' })
  id: string;

  @Field(() => ID, { description: 'The variant the line holds (a product without options: its id is the product’s).' })
  variantId: string;

  @Field(() => VariantReference, { description: 'The variant (resolved by catalog).' })
  variant: VariantReference;

  @Field(() => ProductReference, { nullable: true, description: 'Its product (resolved by catalog); null when the catalog view does not know the variant.' })
  product: ProductReference | null;

  @Field({ description: "The product's title, as the catalog last published it; empty when unknown." })
  title: string;

  @Field({ description: 'The variant\'s title ("M / Red", "Default"); empty when unknown.' })
  variantTitle: string;

  // catalog allows at most 3 options a product
  @Directive('@listSize(assumedSize: 3)')
  @Field(() => [SelectedOption], { description: "The variant's option values." })
  options: SelectedOption[];

  @Field(() => String, { nullable: true, description: 'Stock keeping unit; null when the variant has none.' })
  sku: string | null;

  @Field(() => Int, { description: 'Units of the variant.' })
  quantity: number;

  @Field({
    description:
      'Whether the line can be bought now: its variant is listed, its product ACTIVE and published, and priced in the cart currency. An unavailable line is kept (the shopper removes it) but left out of every total.',
  })
  available: boolean;

  @Field(() => Money, { nullable: true, description: "The variant's current price per unit; null when the catalog view does not know the variant." })
  unitPrice: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: 'What the line adds to the total (after its discounts; tax added when prices exclude it); null when unavailable.',
  })
  lineTotal: Money | null;

  @Field(() => [CartDiscountAllocation], { description: "Each promotion's part of this line's discount (empty when none applies or the line is unavailable)." })
  discountAllocations: CartDiscountAllocation[];
}
