import { gql } from 'graphql-request';

export const PAYMENT_FIELDS = gql`
  fragment PaymentFields on Payment {
    id
    orderId
    status
    provider
    providerReference
    amount {
      amount
      currencyCode
    }
    transactions {
      type
      status
      amount {
        amount
        currencyCode
      }
      providerReference
      errorCode
      createdAt
    }
    order {
      id
    }
  }
`;

export const PROCESS_PAYMENT = gql`
  mutation ($input: ProcessPaymentInput!) {
    processPayment(input: $input) {
      payment {
        ...PaymentFields
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

export const PAYMENT = gql`
  query ($id: ID!) {
    payment(id: $id) {
      ...PaymentFields
    }
  }
  ${PAYMENT_FIELDS}
`;

export const ORDER_PAYMENTS = gql`
  query ($orderId: ID!, $first: Int, $after: String) {
    payments(orderId: $orderId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
      }
    }
  }
`;

export interface TransactionResult {
  type: string;
  status: string;
  amount: { amount: number; currencyCode: string };
  providerReference: string | null;
  errorCode: string | null;
  createdAt: string;
}

export interface PaymentResult {
  id: string;
  orderId: string;
  status: string;
  provider: string;
  providerReference: string | null;
  amount: { amount: number; currencyCode: string };
  transactions: TransactionResult[];
  order: { id: string };
}

export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message: string;
}

export interface ProcessPaymentResult {
  processPayment: { payment: PaymentResult | null; order: { id: string } | null; userErrors: UserErrorResult[] };
}

export interface OrderPaymentsResult {
  payments: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; status: string }[] };
}

export interface OutboxEnvelope {
  type: string;
  storeId: string;
  aggregateId: string;
  data: Record<string, unknown>;
}
