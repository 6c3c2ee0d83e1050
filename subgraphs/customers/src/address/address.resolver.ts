import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { CustomerAddress } from './customer-address.entity';
import { CreateCustomerAddressInput, DeleteCustomerAddressInput, SetDefaultCustomerAddressInput, UpdateCustomerAddressInput } from './address.inputs';
import { CreateCustomerAddressPayload, DeleteCustomerAddressPayload, SetDefaultCustomerAddressPayload, UpdateCustomerAddressPayload } from './address.payloads';
import { createCustomerAddress, deleteCustomerAddress, setDefaultCustomerAddress, updateCustomerAddress } from './address-commands';

/** Address mutations: a store's staff for any of its customers; a signed-in shopper for their own profile. */
@Resolver(() => CustomerAddress)
export class CustomerAddressResolver {
  @Authorized()
  @Mutation(() => CreateCustomerAddressPayload, { description: "Adds an address to a customer; a customer's first address becomes the default." })
  createCustomerAddress(@Arg('input', { description: 'The customer and the address.' }) input: CreateCustomerAddressInput, @Ctx() context: SubgraphContext) {
    return createCustomerAddress(context, input);
  }

  @Authorized()
  @Mutation(() => UpdateCustomerAddressPayload, { description: 'Replaces the fields of an address.' })
  updateCustomerAddress(@Arg('input', { description: 'The address and its new fields.' }) input: UpdateCustomerAddressInput, @Ctx() context: SubgraphContext) {
    return updateCustomerAddress(context, input);
  }

  @Authorized()
  @Mutation(() => DeleteCustomerAddressPayload, { description: 'Deletes an address; when it was the default, another address becomes the default.' })
  deleteCustomerAddress(@Arg('input', { description: 'The address to delete.' }) input: DeleteCustomerAddressInput, @Ctx() context: SubgraphContext) {
    return deleteCustomerAddress(context, input);
  }

  @Authorized()
  @Mutation(() => SetDefaultCustomerAddressPayload, { description: "Makes an address its customer's default (the previous default stops being one)." })
  setDefaultCustomerAddress(
    @Arg('input', { description: 'The address to make the default.' }) input: SetDefaultCustomerAddressInput,
    @Ctx() context: SubgraphContext,
  ) {
    return setDefaultCustomerAddress(context, input);
  }
}
