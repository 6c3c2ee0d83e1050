import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { cartConfig } from '../cart-config';
import { CartAddressInput, PHONE } from '../cart-address/cart-address.input';

/** Most lines one mutation may name (the cart's own limit, CART_MAX_LINES, is checked against the result). */
export const MAX_LINES_PER_CHANGE = 100;

@InputType({ description: 'A variant and a number of its units.' })
export class CartLineInput {
  @IsUUID()
  @Field(() => ID, { description: 'The variant (a product without options: its id is the product’s).' })
  variantId: string;

  @IsInt()
  @Min(1)
  @Max(cartConfig.maxLineQuantity)
  @Field(() => Int, { description: 'Units, from 1 to the line maximum (CART_MAX_LINE_QUANTITY, 100 unless configured otherwise).' })
  quantity: number;
}

/** The cart a mutation changes: its id, and its token when it is a guest cart. */
@InputType('CartTargetInput', { description: 'The cart a mutation changes.' })
export abstract class CartTargetInput {
  @IsUUID()
  @Field(() => ID, { description: 'The cart.' })
  cartId: string;

  @IsOptional()
  @Length(1, 100)
  @Field(() => String, { nullable: true, description: 'The guest cart’s token (returned once by createCart); not needed for a signed-in customer’s own cart.' })
  cartToken?: string | null;
}

@InputType({ description: 'A new cart, with lines and an email if already known.' })
export class CreateCartInput {
  @IsOptional()
  @ArrayMaxSize(MAX_LINES_PER_CHANGE)
  @ValidateNested({ each: true })
  @Field(() => [CartLineInput], { nullable: true, description: 'Lines to start with (at most 100); one variant named twice is one line.' })
  lines?: CartLineInput[] | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Field(() => String, { nullable: true, description: "The shopper's email." })
  email?: string | null;
}

@InputType({ description: 'Variants to add to a cart: a variant already in it has its quantity raised.' })
export class AddCartLinesInput extends CartTargetInput {
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES_PER_CHANGE)
  @ValidateNested({ each: true })
  @Field(() => [CartLineInput], { description: 'What to add (1–100 lines); one variant named twice is added once, quantities summed.' })
  lines: CartLineInput[];
}

@InputType({ description: 'New quantities for lines of a cart, by variant.' })
export class UpdateCartLinesInput extends CartTargetInput {
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES_PER_CHANGE)
  @ValidateNested({ each: true })
  @Field(() => [CartLineInput], { description: 'Each line’s new quantity (1–100 lines, each variant once); remove a line with removeCartLines.' })
  lines: CartLineInput[];
}

@InputType({ description: 'Lines to remove from a cart, by variant.' })
export class RemoveCartLinesInput extends CartTargetInput {
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES_PER_CHANGE)
  @IsUUID('all', { each: true })
  @Field(() => [ID], { description: 'The variants whose lines go (1–100).' })
  variantIds: string[];
}

@InputType({ description: "The shopper's contact on a cart: the email (the order's, and the abandoned-cart email's) and a phone when the store wants one." })
export class SetCartEmailInput extends CartTargetInput {
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Field(() => String, { nullable: true, description: 'The email; null clears it.' })
  email?: string | null;

  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  @Field(() => String, {
    nullable: true,
    description:
      'A phone number to reach the shopper about delivery (needed at checkout when the store requires one and the shipping address has none); omitted: unchanged, null clears it.',
  })
  phone?: string | null;
}

@InputType({ description: "A guest cart to merge into the signed-in customer's cart." })
export class MergeCartInput {
  @IsUUID()
  @Field(() => ID, { description: 'The guest cart.' })
  cartId: string;

  @Length(1, 100)
  @Field({ description: 'Its token (returned by createCart).' })
  cartToken: string;
}

@InputType({ description: "A cart's shipping address, and its billing address (the shipping address when omitted)." })
export class SetCartAddressesInput extends CartTargetInput {
  @ValidateNested()
  @Field(() => CartAddressInput, { description: 'Where the cart ships: its tax and shipping region.' })
  shippingAddress: CartAddressInput;

  @IsOptional()
  @ValidateNested()
  @Field(() => CartAddressInput, { nullable: true, description: 'Who is billed; the shipping address when omitted or null.' })
  billingAddress?: CartAddressInput | null;
}

@InputType({ description: 'The cart and the shipping rate its shopper chooses.' })
export class SelectCartShippingRateInput extends CartTargetInput {
  @MaxLength(64)
  @Field(() => ID, { description: "A rate's id from the cart's availableShippingRates." })
  rateId: string;
}
