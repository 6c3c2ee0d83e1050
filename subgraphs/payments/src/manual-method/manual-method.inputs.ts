import { Field, InputType, Int } from 'type-graphql';
import { IsEnum, Length, Matches, Max, Min } from 'class-validator';
import { ManualPaymentMethodKind } from './manual-method-kind';
import { MANUAL_METHOD_LIMITS } from './manual-payment-method.entity';

const { displayName, instructions, holdHours } = MANUAL_METHOD_LIMITS;

@InputType({ description: "A store's manual payment method as its staff want it (the whole of it: every field is set)." })
export class ConfigureManualPaymentMethodInput {
  @IsEnum(ManualPaymentMethodKind)
  @Field(() => ManualPaymentMethodKind, { description: 'Which manual method to configure.' })
  kind: ManualPaymentMethodKind;

  @Field({ description: 'Whether shoppers may choose it at checkout.' })
  enabled: boolean;

  @Length(displayName.min, displayName.max)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @Field({ description: `The name shoppers see (${displayName.min}–${displayName.max} characters).` })
  displayName: string;

  @Length(instructions.min, instructions.max)
  @Field({ description: `What the shopper must do to pay, shown at checkout, on the payment and in the order email (at most ${instructions.max} characters).` })
  instructions: string;

  @Min(holdHours.min)
  @Max(holdHours.max)
  @Field(() => Int, { description: `How long an order paid this way keeps its stock reserved, in hours (${holdHours.min}–${holdHours.max}).` })
  holdHours: number;
}
