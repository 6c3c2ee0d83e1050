import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { ManualPaymentMethod } from './manual-payment-method.entity';
import { PaymentMethodKind } from './manual-method-kind';

@ObjectType({ description: 'Result of configureManualPaymentMethod.' })
export class ConfigureManualPaymentMethodPayload {
  @Field(() => ManualPaymentMethod, { nullable: true, description: 'The method as it now is; null when nothing was changed.' })
  method: ManualPaymentMethod | null;

  @Field(() => [UserError], { description: 'Why nothing was changed; empty on success. Codes: STORE_REQUIRED, STORE_UNAVAILABLE.' })
  userErrors: UserError[];

  static ok(method: ManualPaymentMethod): ConfigureManualPaymentMethodPayload {
    return Object.assign(new ConfigureManualPaymentMethodPayload(), { method, userErrors: [] });
  }

  static failed(error: UserError): ConfigureManualPaymentMethodPayload {
    return Object.assign(new ConfigureManualPaymentMethodPayload(), { method: null, userErrors: [error] });
  }
}

@ObjectType({ description: 'A way a shopper may pay in this store, shown at checkout.' })
export class AvailablePaymentMethod {
  @Field(() => PaymentMethodKind, { description: "CARD, or one of the manual methods (pass it as processPayment's paymentMethod.manual)." })
  kind: PaymentMethodKind;

  @Field({ description: 'The name to show.' })
  displayName: string;

  @Field(() => String, { nullable: true, description: 'What the shopper must do to pay a manual method; null for CARD.' })
  instructions: string | null;

  static of(kind: PaymentMethodKind, displayName: string, instructions: string | null): AvailablePaymentMethod {
    return Object.assign(new AvailablePaymentMethod(), { kind, displayName, instructions });
  }
}
