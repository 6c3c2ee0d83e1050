import { gql } from 'graphql-request';
import type { UserErrorResult } from './payment-operations';

export const CAPTURE_PAYMENT = gql`
  mutation ($input: CapturePaymentInput!) {
    capturePayment(input: $input) {
      payment {
        id
        status
        amount {
          amount
        }
        capturedAmount {
          amount
          currencyCode
        }
        authorizationExpiresAt
        transactions {
          type
          status
          amount {
            amount
          }
        }
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
`;

export interface CapturedPaymentResult {
  id: string;
  status: string;
  amount: { amount: number };
  capturedAmount: { amount: number; currencyCode: string };
  authorizationExpiresAt: string | null;
  transactions: { type: string; status: string; amount: { amount: number } }[];
}

export interface CapturePaymentResult {
  capturePayment: { payment: CapturedPaymentResult | null; order: { id: string } | null; userErrors: UserErrorResult[] };
}
