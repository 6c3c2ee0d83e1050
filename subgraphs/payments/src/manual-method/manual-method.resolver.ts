import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { ManualPaymentMethod } from './manual-payment-method.entity';
import { ConfigureManualPaymentMethodInput } from './manual-method.inputs';
import { AvailablePaymentMethod, ConfigureManualPaymentMethodPayload } from './manual-method.payloads';
import { availablePaymentMethods, configureManualPaymentMethod, listManualPaymentMethods } from './manual-method-commands';

@Resolver(() => ManualPaymentMethod)
export class ManualPaymentMethodResolver {
  @Query(() => [AvailablePaymentMethod], {
    description:
      "How a shopper may pay in the store named by X-Store-Id (or the caller's): CARD, then the manual methods the store enabled, with their instructions. Open to everyone, guests included.",
  })
  paymentMethods(@Ctx() context: SubgraphContext): Promise<AvailablePaymentMethod[]> {
    return availablePaymentMethods(context);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => [ManualPaymentMethod], { description: "Every manual payment method of the caller's store, enabled or not (staff)." })
  manualPaymentMethods(@Ctx() context: SubgraphContext): Promise<ManualPaymentMethod[]> {
    return listManualPaymentMethods(context);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => ConfigureManualPaymentMethodPayload, {
    description:
      "Enables, disables or changes one manual payment method (bank transfer, cash on delivery, other) of the caller's store: its name, its instructions and how long its orders hold their stock.",
  })
  configureManualPaymentMethod(
    @Arg('input', { description: 'The method and its whole configuration.' }) input: ConfigureManualPaymentMethodInput,
    @Ctx() context: SubgraphContext,
  ): Promise<ConfigureManualPaymentMethodPayload> {
    return configureManualPaymentMethod(context, input);
  }
}
