import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { cartConfig } from '../cart-config';
import { PHONE } from '../cart-address/cart-address.input';

// placeOrder's input types keep the names, fields and rules they had in orders: the API did not change when it moved

@InputType({ description: 'A product variant and how many units of it to buy: give `variantId`, or `productId` for a product with one variant.' })
export class OrderItemInput {
  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The variant to buy. Give this or `productId`, not both.' })
  variantId?: string | null;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, {
    nullable: true,
    description:
      'The product, when it has exactly one variant (a product without options): its variant is bought. A product with several variants is refused with VARIANT_REQUIRED. Give this or `variantId`, not both.',
  })
  productId?: string | null;

  @IsInt()
  @Min(1)
  // the cart's line maximum (CART_MAX_LINE_QUANTITY): unpaid orders hold stock, so a line may not hold it all
  @Max(cartConfig.maxLineQuantity)
  @Field(() => Int, {
    description:
      'Units, from 1 to the platform’s line maximum (100 unless configured otherwise). Several lines of one variant are added together, within the same maximum.',
  })
  quantity: number;
}

@InputType({ description: 'Where to ship an order.' })
export class ShippingAddressInput {
  @Length(1, 200)
  @Field({ description: 'Recipient name.' })
  name: string;

  @Length(1, 200)
  @Field({ description: 'Street address.' })
  line1: string;

  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Apartment, suite, etc.' })
  line2?: string;

  @Length(1, 100)
  @Field({ description: 'City.' })
  city: string;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'State, province or region.' })
  province?: string;

  @Length(1, 20)
  @Field({ description: 'Postal code.' })
  postalCode: string;

  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as "US"' })
  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "US".' })
  countryCode: string;

  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  @Field({ nullable: true, description: 'Phone number for the carrier.' })
  phone?: string;
}

@InputType({ description: 'An order to place. Prices come from the catalog, never from the client.' })
export class PlaceOrderInput {
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Field(() => [OrderItemInput], { description: 'What to buy (1–100 lines), all from one store.' })
  items: OrderItemInput[];

  @IsEmail()
  @MaxLength(320)
  @Field({ description: 'Where order emails go.' })
  email: string;

  @ValidateNested()
  @Field(() => ShippingAddressInput, { description: 'Where to ship it.' })
  shippingAddress: ShippingAddressInput;

  @Length(1, 100)
  @Field({ description: 'A key unique to this checkout: repeating the call with it returns the same order and creates nothing.' })
  idempotencyKey: string;
}
