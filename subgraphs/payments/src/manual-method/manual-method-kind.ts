import { registerEnumType } from 'type-graphql';

/** The ways to pay an order outside any card provider; the store's staff confirm the money arrived (markOrderAsPaid). */
export enum ManualPaymentMethodKind {
  BANK_TRANSFER = 'BANK_TRANSFER',
  CASH_ON_DELIVERY = 'CASH_ON_DELIVERY',
  OTHER = 'OTHER',
}

/** How a payment is (or may be) made: by card through the configured provider, or one of the store's manual methods. */
export enum PaymentMethodKind {
  CARD = 'CARD',
  BANK_TRANSFER = 'BANK_TRANSFER',
  CASH_ON_DELIVERY = 'CASH_ON_DELIVERY',
  OTHER = 'OTHER',
}

/** What `Payment.provider` says of a manual payment: no provider is called, staff settle it. */
export const MANUAL_PROVIDER = 'manual';

registerEnumType(ManualPaymentMethodKind, {
  name: 'ManualPaymentMethodKind',
  description: 'A payment method whose money arrives outside the platform; staff mark the order paid when it does.',
  valuesConfig: {
    BANK_TRANSFER: { description: "The shopper transfers the total to the store's bank account." },
    CASH_ON_DELIVERY: { description: 'The shopper pays the carrier on delivery.' },
    OTHER: { description: "Any other arrangement the store describes in the method's instructions." },
  },
});

registerEnumType(PaymentMethodKind, {
  name: 'PaymentMethodKind',
  description: 'How an order is paid: CARD through the payment provider, or one of the manual methods.',
  valuesConfig: {
    CARD: { description: 'A card or provider token, charged through the payment provider.' },
    BANK_TRANSFER: { description: 'A bank transfer (manual: staff mark the order paid).' },
    CASH_ON_DELIVERY: { description: 'Cash on delivery (manual: staff mark the order paid).' },
    OTHER: { description: "Another manual arrangement, described by the store's instructions." },
  },
});
