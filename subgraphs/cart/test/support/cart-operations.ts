import { gql } from 'graphql-request';

const ADDRESS_FIELDS = 'firstName lastName company line1 line2 city provinceCode postalCode countryCode phone';

export const CART_FIELDS = `
  id
  storeId
  userId
  currencyCode
  email
  itemCount
  totalWeightGrams
  shippingAddress { ${ADDRESS_FIELDS} }
  billingAddress { ${ADDRESS_FIELDS} }
  createdAt
  updatedAt
  expiresAt
  subtotal { amount currencyCode }
  discountTotal { amount currencyCode }
  shippingTotal { amount currencyCode }
  taxTotal { amount currencyCode }
  total { amount currencyCode }
  lines {
    id
    variantId
    variant { id }
    product { id }
    title
    variantTitle
    options { name value }
    sku
    quantity
    available
    unitPrice { amount currencyCode }
    lineTotal { amount currencyCode }
  }`;

const PAYLOAD = `cart { ${CART_FIELDS} } userErrors { code field message }`;

export const CREATE_CART = gql`mutation ($input: CreateCartInput!) { createCart(input: $input) { cartToken ${PAYLOAD} } }`;
export const ADD_LINES = gql`mutation ($input: AddCartLinesInput!) { addCartLines(input: $input) { ${PAYLOAD} } }`;
export const UPDATE_LINES = gql`mutation ($input: UpdateCartLinesInput!) { updateCartLines(input: $input) { ${PAYLOAD} } }`;
export const REMOVE_LINES = gql`mutation ($input: RemoveCartLinesInput!) { removeCartLines(input: $input) { ${PAYLOAD} } }`;
export const SET_EMAIL = gql`mutation ($input: SetCartEmailInput!) { setCartEmail(input: $input) { ${PAYLOAD} } }`;
export const SET_ADDRESSES = gql`mutation ($input: SetCartAddressesInput!) { setCartAddresses(input: $input) { ${PAYLOAD} } }`;
export const SELECT_SHIPPING_RATE = gql`mutation ($input: SelectCartShippingRateInput!) { selectCartShippingRate(input: $input) { ${PAYLOAD} } }`;
export const SHIPPED_CART = gql`
  query ($id: ID!, $token: String) {
    cart(id: $id, token: $token) {
      updatedAt
      subtotal {
        amount
        currencyCode
      }
      discountTotal {
        amount
        currencyCode
      }
      shippingTotal {
        amount
        currencyCode
      }
      total {
        amount
        currencyCode
      }
      selectedShippingRate {
        rateId
        title
        amount {
          amount
          currencyCode
        }
      }
      selectedShippingRateUnavailable
    }
  }
`;
export const MERGE_CART = gql`mutation ($input: MergeCartInput!) { mergeCart(input: $input) { ${PAYLOAD} } }`;
export const CART = gql`query ($id: ID!, $token: String) { cart(id: $id, token: $token) { ${CART_FIELDS} } }`;
export const MY_CART = gql`query { myCart { ${CART_FIELDS} } }`;
export const ENTITIES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Cart {
        id
        total {
          amount
        }
      }
    }
  }
`;

export interface MoneyResult {
  amount: number;
  currencyCode: string;
}

export interface CartLineResult {
  id: string;
  variantId: string;
  title: string;
  variantTitle: string;
  options: { name: string; value: string }[];
  sku: string | null;
  quantity: number;
  available: boolean;
  unitPrice: MoneyResult | null;
  lineTotal: MoneyResult | null;
}

export interface CartAddressResult {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  line1: string;
  line2: string | null;
  city: string;
  provinceCode: string | null;
  postalCode: string | null;
  countryCode: string;
  phone: string | null;
}

export interface CartResult {
  id: string;
  storeId: string;
  userId: string | null;
  currencyCode: string | null;
  email: string | null;
  itemCount: number;
  totalWeightGrams: number;
  shippingAddress: CartAddressResult | null;
  billingAddress: CartAddressResult | null;
  expiresAt: string;
  subtotal: MoneyResult;
  discountTotal: MoneyResult;
  shippingTotal: MoneyResult;
  taxTotal: MoneyResult;
  total: MoneyResult;
  lines: CartLineResult[];
}

export interface ShippedCartResult {
  updatedAt: string;
  subtotal: MoneyResult;
  discountTotal: MoneyResult;
  shippingTotal: MoneyResult;
  total: MoneyResult;
  selectedShippingRate: { rateId: string; title: string; amount: MoneyResult } | null;
  selectedShippingRateUnavailable: boolean;
}

export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message: string;
}

export interface CartPayloadResult {
  cart: CartResult | null;
  userErrors: UserErrorResult[];
  cartToken?: string | null;
}
