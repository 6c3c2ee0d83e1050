import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { cartConfig } from '../cart-config';
import { Cart } from '../cart/cart.entity';
import { RecoverCartInput, RecoverCartPayload } from './recover-cart.types';
import { recoverCart } from './recover-cart';

@Resolver(() => Cart)
export class RecoverCartResolver {
  @Mutation(() => RecoverCartPayload, {
    description:
      "Opens an abandoned cart from its email's recovery link (once, before the link expires): a guest cart with a new cartToken (the old token stops working), a customer's cart for its signed-in customer. Refused with CART_RECOVERY_INVALID otherwise.",
  })
  recoverCart(
    @Arg('input', () => RecoverCartInput, { description: 'The cart and its recovery token.' }) input: RecoverCartInput,
    @Ctx() context: SubgraphContext,
  ) {
    return recoverCart(context, cartConfig, input);
  }
}
