import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { CustomerSegment } from './customer-segment.entity';

@ObjectType({ description: 'Result of a segment mutation.' })
export class CustomerSegmentPayload {
  @Field(() => CustomerSegment, { nullable: true, description: 'The segment as it now is, members recomputed; null when nothing was changed.' })
  customerSegment: CustomerSegment | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends CustomerSegmentPayload>(this: new () => T, customerSegment: CustomerSegment): T {
    return Object.assign(new this(), { customerSegment, userErrors: [] });
  }

  static failed<T extends CustomerSegmentPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { customerSegment: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createCustomerSegment.' })
export class CreateCustomerSegmentPayload extends CustomerSegmentPayload {}

@ObjectType({ description: 'Result of updateCustomerSegment.' })
export class UpdateCustomerSegmentPayload extends CustomerSegmentPayload {}

@ObjectType({ description: 'Result of deleteCustomerSegment.' })
export class DeleteCustomerSegmentPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted segment; null when nothing was deleted.' })
  deletedCustomerSegmentId: string | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(deletedCustomerSegmentId: string): DeleteCustomerSegmentPayload {
    return Object.assign(new DeleteCustomerSegmentPayload(), { deletedCustomerSegmentId, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteCustomerSegmentPayload {
    return Object.assign(new DeleteCustomerSegmentPayload(), { deletedCustomerSegmentId: null, userErrors });
  }
}
