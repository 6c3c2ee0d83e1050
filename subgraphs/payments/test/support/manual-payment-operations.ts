import { gql } from 'graphql-request';
import { PAYMENT_FIELDS, type PaymentResult, type UserErrorResult } from './payment-operations';

export const CONFIGURE_MANUAL_METHOD = gql`
  mutation ($input: ConfigureManualPaymentMethodInput!) {
    configureManualPaymentMethod(input: $input) {
      method {
        kind
        enabled
        displayName
        instructions
        holdHours
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;

export const PAYMENT_METHODS = gql`
  query {
    paymentMethods {
      kind
      displayName
      instructions
    }
  }
`;

export const MANUAL_PAYMENT_METHODS = gql`
  query {
    manualPaymentMethods {
      kind
      enabled
      displayName
      holdHours
    }
  }
`;

export const MARK_ORDER_AS_PAID = gql`
  mutation ($input: MarkOrderAsPaidInput!) {
    markOrderAsPaid(input: $input) {
      payment {
        ...PaymentFields
        method
        instructions
      }
      order {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
  ${PAYMENT_FIELDS}
`;

export const PROCESS_MANUAL_PAYMENT = gql`
  mutation ($input: ProcessPaymentInput!) {
    processPayment(input: $input) {
      payment {
        ...PaymentFields
        method
        instructions
      }
      order {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
  ${PAYMENT_FIELDS}
`;

export interface ManualMethodResult {
  kind: string;
  enabled: boolean;
  displayName: string;
  instructions: string;
  holdHours: number;
}

export interface ConfigureManualMethodResult {
  configureManualPaymentMethod: { method: ManualMethodResult | null; userErrors: UserErrorResult[] };
}

export interface PaymentMethodsResult {
  paymentMethods: { kind: string; displayName: string; instructions: string | null }[];
}

export type ManualPaymentResult = PaymentResult & { method: string; instructions: string | null };

export interface MarkOrderAsPaidResult {
  markOrderAsPaid: { payment: ManualPaymentResult | null; order: { id: string } | null; userErrors: UserErrorResult[] };
}

export interface ProcessManualPaymentResult {
  processPayment: { payment: ManualPaymentResult | null; order: { id: string } | null; userErrors: UserErrorResult[] };
}
