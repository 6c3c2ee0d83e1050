import { gql } from 'graphql-request';

const TOTALS = `
  subtotal { amount currencyCode }
  discountTotal { amount currencyCode }
  shippingTotal { amount currencyCode }
  taxTotal { amount currencyCode }
  total { amount currencyCode }
  reviewedTotal { amount currencyCode }
  taxLines { title rateBasisPoints amount { amount currencyCode } }
  appliedDiscounts { promotionId title code amount { amount currencyCode } }
  discountCodes { code applicable reason }`;

export const CHECKOUT_CART_FIELDS = `id email phone note orderId ${TOTALS}
  lines { variantId quantity available unitPrice { amount currencyCode } }`;

export const SET_NOTE = gql`
  mutation ($input: SetCartNoteInput!) {
    setCartNote(input: $input) {
      cart {
        id
        note
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const SET_CONTACT = gql`
  mutation ($input: SetCartEmailInput!) {
    setCartEmail(input: $input) {
      cart {
        id
        email
        phone
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const REVIEW_CHECKOUT = gql`mutation ($input: ReviewCheckoutInput!) {
  reviewCheckout(input: $input) { readyToComplete cart { ${CHECKOUT_CART_FIELDS} } userErrors { code field message } }
}`;
export const COMPLETE_CHECKOUT = gql`
  mutation ($input: CompleteCheckoutInput!) {
    completeCheckout(input: $input) {
      orderId
      order {
        id
      }
      cart {
        id
        orderId
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;

export interface CheckoutUserError {
  code: string;
  field: string[] | null;
  message: string;
}

export interface Amount {
  amount: number;
  currencyCode: string;
}

export interface ReviewResult {
  readyToComplete: boolean;
  cart: {
    id: string;
    note: string | null;
    orderId: string | null;
    subtotal: Amount;
    discountTotal: Amount;
    shippingTotal: Amount;
    taxTotal: Amount;
    total: Amount;
    reviewedTotal: Amount | null;
    taxLines: { title: string; rateBasisPoints: number; amount: Amount }[];
    appliedDiscounts: { promotionId: string; title: string; code: string | null; amount: Amount }[];
    discountCodes: { code: string; applicable: boolean; reason: string | null }[];
    lines: { variantId: string; quantity: number; available: boolean; unitPrice: Amount | null }[];
  } | null;
  userErrors: CheckoutUserError[];
}

export interface CompleteResult {
  orderId: string | null;
  order: { id: string } | null;
  cart: { id: string; orderId: string | null } | null;
  userErrors: CheckoutUserError[];
}
