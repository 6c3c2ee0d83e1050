import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export enum WeightUnit {
  G = 'G',
  KG = 'KG',
  OZ = 'OZ',
  LB = 'LB',
}

registerEnumType(WeightUnit, { name: 'WeightUnit', description: 'Unit product weights are entered and shown in.' });

/** Where a store's prices are rounded to a minor unit (always half-even): each line's discount and tax, or the order's totals. */
export enum PriceRounding {
  PER_LINE = 'PER_LINE',
  PER_ORDER = 'PER_ORDER',
}

registerEnumType(PriceRounding, {
  name: 'PriceRounding',
  description: "Where discounts and taxes are rounded to the currency's minor unit (half-even): on each line, or once on the order's totals.",
  valuesConfig: {
    PER_LINE: { description: "Each line's discount and tax is rounded, then summed." },
    PER_ORDER: { description: "Exact amounts are summed and the order's totals rounded once." },
  },
});

/** When the store takes the shopper's money (the kit's PaymentCaptureMode, as a GraphQL enum). */
export enum PaymentCaptureMode {
  AUTOMATIC = 'AUTOMATIC',
  MANUAL = 'MANUAL',
}

registerEnumType(PaymentCaptureMode, {
  name: 'PaymentCaptureMode',
  description: "When a store takes the shopper's money.",
  valuesConfig: {
    AUTOMATIC: { description: 'At payment: the card is charged when the shopper pays.' },
    MANUAL: {
      description:
        'Authorized at payment and captured as the order is fulfilled (on each shipment, or by staff with capturePayment); the authorization is voided when the order is cancelled or the authorization expires.',
    },
  },
});

const ORDER_NUMBER_PREFIX = /^[A-Z0-9#-]{1,10}$/;

/** How a store runs its business; only its staff and platform admins read it. Stored as jsonb. */
@ObjectType({ description: "How a store runs: order numbers, taxes, units, stock alerts and checkout options (the store's staff only)." })
export class StoreSettings {
  @Field({ description: 'Put before every order number, e.g. "#" or "UM-".' })
  orderNumberPrefix: string;

  @Field({ deprecationReason: 'Use pricesIncludeTax (the same value); removed after 2027-03-01.', description: 'Whether prices already include taxes.' })
  taxesIncluded: boolean;

  @Field({ description: "Whether the store's prices include tax (tax is then taken out of them, not added)." })
  pricesIncludeTax: boolean;

  @Field(() => PriceRounding, { description: 'Where discounts and taxes are rounded to a minor unit (half-even): per line or per order.' })
  priceRounding: PriceRounding;

  @Field(() => WeightUnit, { description: 'Unit product weights are entered and shown in.' })
  weightUnit: WeightUnit;

  @Field(() => Int, { description: 'Available stock at or below which a product counts as low on stock.' })
  lowStockThreshold: number;

  @Field({ description: 'Whether shoppers may check out without an account.' })
  guestCheckoutEnabled: boolean;

  @Field({ description: 'Whether checkout asks for a phone number.' })
  requirePhoneAtCheckout: boolean;

  @Field(() => String, { nullable: true, description: 'Where customers write for help; the store email when null.' })
  supportEmail: string | null;

  @Field(() => PaymentCaptureMode, { description: 'When payments take the money: at payment (AUTOMATIC) or as the order is fulfilled (MANUAL).' })
  paymentCaptureMode: PaymentCaptureMode;

  @Field(() => Int, { description: 'Days after delivery a shopper may ask to return delivered units (requestReturn); 0: the store takes no returns.' })
  returnWindowDays: number;
}

export const DEFAULT_SETTINGS: StoreSettings = {
  orderNumberPrefix: '#',
  taxesIncluded: false,
  pricesIncludeTax: false,
  priceRounding: PriceRounding.PER_LINE,
  weightUnit: WeightUnit.KG,
  lowStockThreshold: 5,
  guestCheckoutEnabled: true,
  requirePhoneAtCheckout: false,
  supportEmail: null,
  paymentCaptureMode: PaymentCaptureMode.AUTOMATIC,
  returnWindowDays: 30,
};

@InputType({ description: 'Changes to store settings; fields left out stay as they are.' })
export class StoreSettingsInput {
  @IsOptional()
  @Matches(ORDER_NUMBER_PREFIX, { message: 'orderNumberPrefix must be 1–10 upper-case letters, digits, "#" or "-"' })
  @Field({ nullable: true, description: 'Order number prefix: 1–10 of A–Z, 0–9, "#", "-".' })
  orderNumberPrefix?: string;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, deprecationReason: 'Use pricesIncludeTax; removed after 2027-03-01.', description: 'Whether prices include taxes.' })
  taxesIncluded?: boolean;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Whether prices include tax (wins over taxesIncluded when both are given).' })
  pricesIncludeTax?: boolean;

  @IsOptional()
  @IsEnum(PriceRounding)
  @Field(() => PriceRounding, { nullable: true, description: 'Where discounts and taxes are rounded: per line or per order.' })
  priceRounding?: PriceRounding;

  @IsOptional()
  @IsEnum(WeightUnit)
  @Field(() => WeightUnit, { nullable: true, description: 'Weight unit.' })
  weightUnit?: WeightUnit;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  @Field(() => Int, { nullable: true, description: 'Low-stock threshold, 0–100000.' })
  lowStockThreshold?: number;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Whether guests may check out.' })
  guestCheckoutEnabled?: boolean;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Whether checkout asks for a phone number.' })
  requirePhoneAtCheckout?: boolean;

  @IsOptional()
  @IsEmail()
  @Field({ nullable: true, description: 'Support email address.' })
  supportEmail?: string;

  @IsOptional()
  @IsEnum(PaymentCaptureMode)
  @Field(() => PaymentCaptureMode, {
    nullable: true,
    description: 'AUTOMATIC (charge at payment) or MANUAL (authorize at payment, capture on fulfilment); applies to payments made from now on.',
  })
  paymentCaptureMode?: PaymentCaptureMode;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  @Field(() => Int, {
    nullable: true,
    description: 'Days after delivery returns may be asked for, 0–3650; 0 turns returns off (applies to requests made from now on).',
  })
  returnWindowDays?: number;
}

/**
 * The settings with the given changes; `undefined` and `null` keep a value. `taxesIncluded` is the
 * deprecated name of `pricesIncludeTax`: the two always hold the same value.
 */
export function mergeSettings(current: StoreSettings, changes: StoreSettingsInput | undefined | null): StoreSettings {
  const merged: StoreSettings = { ...DEFAULT_SETTINGS, ...current };
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value !== undefined && value !== null) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  const includesTax =
    changes?.pricesIncludeTax ?? changes?.taxesIncluded ?? current.pricesIncludeTax ?? current.taxesIncluded ?? DEFAULT_SETTINGS.pricesIncludeTax;
  return { ...merged, pricesIncludeTax: includesTax, taxesIncluded: includesTax };
}
