import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { ProductOption } from './product-option.entity';
import { SetProductOptionsInput } from './product-option.inputs';
import { setProductOptions } from './set-product-options';
import { SetProductOptionsPayload } from '../product/product.payloads';

@Resolver(() => ProductOption)
export class ProductOptionResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => SetProductOptionsPayload, {
    description:
      'Sets the options of a product of the caller’s store (rename, add, remove options and values), adding and removing variants to match; publishes catalog.product-updated.',
  })
  setProductOptions(
    @Arg('input', { description: 'The product and its options as they should be.' }) input: SetProductOptionsInput,
    @Ctx() context: SubgraphContext,
  ) {
    return setProductOptions(context, input);
  }
}
