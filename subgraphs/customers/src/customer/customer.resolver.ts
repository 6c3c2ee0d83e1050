import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { CONNECTION_LIST_SIZE, connectionTypes, PageArgs, Role, selectsField, storefrontVisible, type SubgraphContext } from '@ultramarket/kit';
import { Customer } from './customer.entity';
import { CreateCustomerInput, CustomerFilter, CustomerSort, DeleteCustomerInput, SetCustomerTaxExemptionInput, UpdateCustomerInput } from './customer.inputs';
import { CreateCustomerPayload, DeleteCustomerPayload, SetCustomerTaxExemptionPayload, UpdateCustomerPayload } from './customer.payloads';
import { findMyCustomer, findVisibleCustomer, listCustomers } from './customer-queries';
import { createCustomer, deleteCustomer, updateCustomer } from './customer-commands';
import { setCustomerTaxExemption } from './set-customer-tax-exemption';
import { CustomerAddress } from '../address/customer-address.entity';
import { loadAddresses } from '../address/address-queries';
import { OrderReference } from '../order-history/order-reference.type';
import { customerOrders } from '../order-history/order-history-queries';

export const CustomerConnection = connectionTypes(Customer, 'Customer');
export const CustomerOrderConnection = connectionTypes(OrderReference, 'CustomerOrder');

@ArgsType()
class CustomersArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => CustomerFilter, { nullable: true, description: 'Conditions every customer must meet.' })
  filter?: CustomerFilter;

  @Field(() => CustomerSort, { nullable: true, description: 'Order of the list (default: newest first).' })
  sort?: CustomerSort;
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => Customer, { nullable: true, description: "A customer of the caller's store by id; null when there is none." })
  customer(@Arg('id', () => ID, { description: 'Customer id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Customer | null> {
    return findVisibleCustomer(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => CustomerConnection, { description: "Customers of the caller's store (every store for a platform admin without one), newest first by default." })
  customers(@Args() args: CustomersArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listCustomers(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized()
  @Query(() => Customer, {
    nullable: true,
    description: "The signed-in shopper's customer record in the request's store; null when they have none there or the store is not open.",
  })
  async myCustomerProfile(@Ctx() context: SubgraphContext): Promise<Customer | null> {
    const { storeId } = context.caller;
    if (!storeId || !storefrontVisible(await context.storeStatuses.of(storeId))) return null;
    return findMyCustomer(context);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateCustomerPayload, { description: "Creates a customer in the caller's store; publishes customers.created." })
  createCustomer(@Arg('input', { description: 'The new customer.' }) input: CreateCustomerInput, @Ctx() context: SubgraphContext) {
    return createCustomer(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateCustomerPayload, { description: "Changes a customer of the caller's store; publishes customers.updated." })
  updateCustomer(@Arg('input', { description: 'What to change.' }) input: UpdateCustomerInput, @Ctx() context: SubgraphContext) {
    return updateCustomer(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => SetCustomerTaxExemptionPayload, {
    description: "Marks a customer of the caller's store tax-exempt (with what it rests on) or taxable again; publishes customers.updated.",
  })
  setCustomerTaxExemption(
    @Arg('input', { description: 'The customer and their exemption.' }) input: SetCustomerTaxExemptionInput,
    @Ctx() context: SubgraphContext,
  ): Promise<SetCustomerTaxExemptionPayload> {
    return setCustomerTaxExemption(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteCustomerPayload, { description: "Deletes a customer of the caller's store with their addresses; publishes customers.deleted." })
  deleteCustomer(@Arg('input', { description: 'The customer to delete.' }) input: DeleteCustomerInput, @Ctx() context: SubgraphContext) {
    return deleteCustomer(context, input);
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [CustomerAddress], { description: 'Every address of the customer: the default first, then newest first.' })
  addresses(@Root() customer: Customer, @Ctx() context: SubgraphContext): Promise<CustomerAddress[]> {
    return loadAddresses(context, customer.id);
  }

  @FieldResolver(() => CustomerAddress, { nullable: true, description: 'The default address; null when the customer has none.' })
  async defaultAddress(@Root() customer: Customer, @Ctx() context: SubgraphContext): Promise<CustomerAddress | null> {
    return (await loadAddresses(context, customer.id)).find((address) => address.isDefault) ?? null;
  }

  @Directive(CONNECTION_LIST_SIZE)
  @FieldResolver(() => CustomerOrderConnection, { description: "The customer's orders in this store, newest first (resolved by the orders subgraph)." })
  orders(@Root() customer: Customer, @Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return customerOrders(context, customer, args, selectsField(info, 'totalCount'));
  }
}
