import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Customer } from './customer.entity';

/** Every customer mutation answers with the customer (when it succeeded) and what went wrong (when not). */
@ObjectType({ description: 'Result of a customer mutation.' })
export class CustomerPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer as it now is; null when nothing was changed.' })
  customer: Customer | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends CustomerPayload>(this: new () => T, customer: Customer): T {
    return Object.assign(new this(), { customer, userErrors: [] });
  }

  static failed<T extends CustomerPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { customer: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createCustomer.' })
export class CreateCustomerPayload extends CustomerPayload {}

@ObjectType({ description: 'Result of updateCustomer.' })
export class UpdateCustomerPayload extends CustomerPayload {}

@ObjectType({ description: 'Result of setCustomerTaxExemption.' })
export class SetCustomerTaxExemptionPayload extends CustomerPayload {}

@ObjectType({ description: 'Result of deleteCustomer.' })
export class DeleteCustomerPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted customer; null when nothing was deleted.' })
  deletedCustomerId: string | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(deletedCustomerId: string): DeleteCustomerPayload {
    return Object.assign(new DeleteCustomerPayload(), { deletedCustomerId, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteCustomerPayload {
    return Object.assign(new DeleteCustomerPayload(), { deletedCustomerId: null, userErrors });
  }
}
