import { Field, ID, InputType } from 'type-graphql';
import {
  IsEnum,
  IsOptional,
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
import { ManualPaymentMethodKind } from '../manual-method/manual-method-kind';

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

function methodsGiven(method: PaymentMethodInput | undefined): number {
  return [method?.cardNumber, method?.token, method?.manual].filter((given) => given !== undefined && given !== null).length;
}

@ValidatorConstraint({ name: 'exactlyOnePaymentMethod' })
class ExactlyOnePaymentMethod implements ValidatorConstraintInterface {
  validate(method: PaymentMethodInput | undefined): boolean {
    return methodsGiven(method) === 1;
  }

  defaultMessage(args: ValidationArguments): string {
    return methodsGiven(args.value as PaymentMethodInput | undefined) > 1
      ? 'paymentMethod takes one of a cardNumber, a token or a manual method, not several'
      : 'paymentMethod needs a cardNumber, a token or a manual method';
  }
}

@InputType({ description: "How the shopper pays: exactly one of a card number, a provider token, or one of the store's manual methods." })
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

  @IsOptional()
  @IsEnum(ManualPaymentMethodKind)
  @Field(() => ManualPaymentMethodKind, {
    nullable: true,
    description:
      "A manual method the store enabled (see paymentMethods): no provider is called; the payment stays PENDING, the order PAYMENT_PENDING with its stock held for the method's hold time, until staff mark it paid (markOrderAsPaid).",
  })
  manual?: ManualPaymentMethodKind;
}

@InputType({ description: 'An attempt to pay an order.' })
export class ProcessPaymentInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order to pay (its total is charged).' })
  orderId: string;

  @ValidateNested()
  @Validate(ExactlyOnePaymentMethod)
  @Field(() => PaymentMethodInput, { description: 'The card or token to charge, or the manual method chosen.' })
  paymentMethod: PaymentMethodInput;

  @Length(1, 255)
  @Matches(/\S/, { message: 'idempotencyKey must not be blank' })
  @Field({
    description: 'A key unique to this attempt (1–255 characters): repeating the request with it returns the same payment and charges nothing more.',
  })
  idempotencyKey: string;
}
