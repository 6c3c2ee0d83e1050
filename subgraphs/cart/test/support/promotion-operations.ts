import { gql } from 'graphql-request';
import { CART_FIELDS } from './cart-operations';

export const PROMOTION_FIELDS = `id title code valueKind basisPoints amount buyQuantity getQuantity targetKind productIds variantIds collectionIds
  minimumSubtotal minimumQuantity startsAt endsAt priority combinable usageLimit usageLimitPerCustomer timesUsed active createdAt updatedAt`;
const PROMOTION_PAYLOAD = `promotion { ${PROMOTION_FIELDS} } userErrors { code field message }`;

export const DISCOUNTED_CART_FIELDS = `${CART_FIELDS}
  discountCodes { code applicable reason }
  appliedDiscounts { promotionId title code amount { amount currencyCode } }
  lines { id discountAllocations { promotionId title code amount { amount currencyCode } } }`;
const CART_PAYLOAD = `cart { ${DISCOUNTED_CART_FIELDS} } userErrors { code field message }`;

export const CREATE_PROMOTION = gql`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ${PROMOTION_PAYLOAD} } }`;
export const UPDATE_PROMOTION = gql`mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { ${PROMOTION_PAYLOAD} } }`;
export const DEACTIVATE_PROMOTION = gql`mutation ($input: DeactivatePromotionInput!) { deactivatePromotion(input: $input) { ${PROMOTION_PAYLOAD} } }`;
export const PROMOTION = gql`query ($id: ID!) { promotion(id: $id) { ${PROMOTION_FIELDS} } }`;
export const PROMOTIONS = gql`
  query ($first: Int, $after: String, $active: Boolean, $automatic: Boolean) {
    promotions(first: $first, after: $after, active: $active, automatic: $automatic) {
      totalCount
      nodes {
        id
        code
        title
        active
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
export const APPLY_CODE = gql`mutation ($input: ApplyCartDiscountCodeInput!) { applyCartDiscountCode(input: $input) { ${CART_PAYLOAD} } }`;
export const REMOVE_CODE = gql`mutation ($input: RemoveCartDiscountCodeInput!) { removeCartDiscountCode(input: $input) { ${CART_PAYLOAD} } }`;
export const DISCOUNTED_CART = gql`query ($id: ID!, $token: String) { cart(id: $id, token: $token) { ${DISCOUNTED_CART_FIELDS} } }`;

export interface PromotionResult {
  id: string;
  title: string;
  code: string | null;
  valueKind: string;
  timesUsed: number;
  active: boolean;
  [field: string]: unknown;
}

export interface MoneyResult {
  amount: number;
  currencyCode: string;
}

export interface DiscountedCartResult {
  id: string;
  subtotal: MoneyResult;
  discountTotal: MoneyResult;
  total: MoneyResult;
  lines: {
    id: string;
    variantId: string;
    quantity: number;
    unitPrice: MoneyResult | null;
    discountAllocations: { promotionId: string; title: string; code: string | null; amount: MoneyResult }[];
  }[];
  discountCodes: { code: string; applicable: boolean; reason: string | null }[];
  appliedDiscounts: { promotionId: string; title: string; code: string | null; amount: MoneyResult }[];
}
