import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { CartReference } from './cart-reference.type';
import { ratesForCart } from './cart-rates';
import { ShippingRate } from './shipping-rate.type';

/** What the gateway must fetch from cart before asking shipping for a cart's rates. */
export const CART_RATE_FACTS = 'shippingAddress { countryCode provinceCode postalCode } totalWeightGrams subtotal { amount currencyCode }';

@Resolver(() => CartReference)
export class CartRatesResolver {
  @Directive(`@requires(fields: "${CART_RATE_FACTS}")`)
  @FieldResolver(() => [ShippingRate], {
    description:
      'The shipping rates the cart may choose for its shipping address, cheapest first; empty before it has one or when no zone of the store holds it.',
  })
  availableShippingRates(@Root() cart: CartReference, @Ctx() context: SubgraphContext): Promise<ShippingRate[]> {
    return ratesForCart(context, cart);
  }
}
