import { Field, ID, InputType } from 'type-graphql';
import { IsUUID, Length, Matches } from 'class-validator';

@InputType({ description: "Staff's confirmation that an order's manual payment (bank transfer, cash on delivery, other) arrived." })
export class MarkOrderAsPaidInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order whose manual payment arrived.' })
  orderId: string;

  @Length(1, 255)
  @Matches(/\S/, { message: 'reference must not be blank' })
  @Field({ description: "What identifies the money received (1–255 characters), e.g. the bank transfer's reference; kept as the payment's providerReference." })
  reference: string;

  @Length(1, 255)
  @Matches(/\S/, { message: 'idempotencyKey must not be blank' })
  @Field({ description: 'A key unique to this confirmation (1–255 characters): repeating the request with it answers the same and changes nothing.' })
  idempotencyKey: string;
}
