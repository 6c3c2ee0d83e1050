import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Customer } from '../customer/customer.entity';
import { CustomerAddress } from './customer-address.entity';

/** Address mutations answer with the address and its customer (whose default may have changed). */
@ObjectType({ description: 'Result of an address mutation.' })
export class CustomerAddressPayload {
  @Field(() => CustomerAddress, { nullable: true, description: 'The address as it now is; null when nothing was changed.' })
  address: CustomerAddress | null;

  @Field(() => Customer, { nullable: true, description: 'The customer the address belongs to.' })
  customer: Customer | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends CustomerAddressPayload>(this: new () => T, address: CustomerAddress, customer: Customer): T {
    return Object.assign(new this(), { address, customer, userErrors: [] });
  }

  static failed<T extends CustomerAddressPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { address: null, customer: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createCustomerAddress.' })
export class CreateCustomerAddressPayload extends CustomerAddressPayload {}

@ObjectType({ description: 'Result of updateCustomerAddress.' })
export class UpdateCustomerAddressPayload extends CustomerAddressPayload {}

@ObjectType({ description: 'Result of setDefaultCustomerAddress.' })
export class SetDefaultCustomerAddressPayload extends CustomerAddressPayload {}

@ObjectType({ description: 'Result of deleteCustomerAddress.' })
export class DeleteCustomerAddressPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted address; null when nothing was deleted.' })
  deletedAddressId: string | null;

  @Field(() => Customer, { nullable: true, description: 'The customer, with their default address as it now is.' })
  customer: Customer | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(deletedAddressId: string, customer: Customer): DeleteCustomerAddressPayload {
    return Object.assign(new DeleteCustomerAddressPayload(), { deletedAddressId, customer, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteCustomerAddressPayload {
    return Object.assign(new DeleteCustomerAddressPayload(), { deletedAddressId: null, customer: null, userErrors });
  }
}
