import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Return } from './return.entity';
import { Refund } from '../refund/refund.entity';

@ObjectType({ description: 'Result of a return step.' })
export class ReturnPayload {
  @Field(() => Return, { nullable: true, description: 'The return as it now is; null when nothing was done.' })
  return: Return | null;

  @Field(() => [UserError], { description: 'Why nothing was done; empty on success.' })
  userErrors: UserError[];

  static ok<T extends ReturnPayload>(this: new () => T, found: Return): T {
    return Object.assign(new this(), { return: found, userErrors: [] });
  }

  static failed<T extends ReturnPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { return: null, userErrors });
  }
}

@ObjectType({ description: 'Result of requestReturn.' })
export class RequestReturnPayload extends ReturnPayload {}

@ObjectType({ description: 'Result of approveReturn.' })
export class ApproveReturnPayload extends ReturnPayload {}

@ObjectType({ description: 'Result of rejectReturn.' })
export class RejectReturnPayload extends ReturnPayload {}

@ObjectType({ description: 'Result of markReturnReceived.' })
export class MarkReturnReceivedPayload extends ReturnPayload {}

@ObjectType({ description: 'Result of closeReturn.' })
export class CloseReturnPayload extends ReturnPayload {}

@ObjectType({ description: 'Result of refundReturn.' })
export class RefundReturnPayload extends ReturnPayload {
  @Field(() => Refund, { nullable: true, description: 'The refund asked for, PENDING until the payment provider answers; null when nothing was done.' })
  refund: Refund | null;
}
