import { Field, ID, InputType } from 'type-graphql';
import {
  IsUUID,
  Length,
  Matches,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { CARD_NUMBER, passesLuhn } from '../provider/card-number';

const TOKEN = /^[A-Za-z0-9_]{3,255}$/;

@ValidatorConstraint({ name: 'cardNumber' })
class CardNumberFormat implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value === undefined || value === null || (typeof value === 'string' && CARD_NUMBER.test(value) && passesLuhn(value));
  }

  defaultMessage(args: ValidationArguments): string {
    return typeof args.value === 'string' && CARD_NUMBER.test(args.value)
      ? 'cardNumber is not a valid card number (it fails the Luhn check)'
      : 'cardNumber must be 12 to 19 digits, without spaces';
  }
}

@ValidatorConstraint({ name: 'paymentToken' })
class PaymentTokenFormat implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value === undefined || value === null || (typeof value === 'string' && TOKEN.test(value));
  }

  defaultMessage(): string {
    return 'token must be a provider token such as tok_visa or pm_…';
  }
}

@ValidatorConstraint({ name: 'exactlyOnePaymentMethod' })
class ExactlyOnePaymentMethod implements ValidatorConstraintInterface {
  validate(method: PaymentMethodInput | undefined): boolean {
    const hasCard = method?.cardNumber !== undefined && method?.cardNumber !== null;
    const hasToken = method?.token !== undefined && method?.token !== null;
    return hasCard !== hasToken;
  }

  defaultMessage(args: ValidationArguments): string {
    const method = args.value as PaymentMethodInput | undefined;
    return method?.cardNumber && method?.token ? 'paymentMethod takes a cardNumber or a token, not both' : 'paymentMethod needs a cardNumber or a token';
  }
}

@InputType({ description: 'How the shopper pays: exactly one of a card number or a provider token.' })
export class PaymentMethodInput {
  @Validate(CardNumberFormat)
  @Field({ nullable: true, description: 'Card number, digits only (simulated provider only; with Stripe or PayPal send a token). Never stored.' })
  cardNumber?: string;

  @Validate(PaymentTokenFormat)
  @Field({
    nullable: true,
    description:
      'A provider token: a Stripe PaymentMethod id (pm_…) or card token (tok_…), e.g. tok_visa; with PayPal, the id of the PayPal order the shopper approved.',
  })
  token?: string;
}

@InputType({ description: 'An attempt to pay an order.' })
export class ProcessPaymentInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order to pay (its total is charged).' })
  orderId: string;

  @ValidateNested()
  @Validate(ExactlyOnePaymentMethod)
  @Field(() => PaymentMethodInput, { description: 'The card or token to charge.' })
  paymentMethod: PaymentMethodInput;

  @Length(1, 255)
  @Matches(/\S/, { message: 'idempotencyKey must not be blank' })
  @Field({
    description: 'A key unique to this attempt (1–255 characters): repeating the request with it returns the same payment and charges nothing more.',
  })
  idempotencyKey: string;
}
