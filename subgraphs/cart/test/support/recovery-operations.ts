import { gql } from 'graphql-request';
import { CART_FIELDS, type CartPayloadResult } from './cart-operations';

export const RECOVER_CART = gql`mutation ($input: RecoverCartInput!) { recoverCart(input: $input) { cartToken cart { ${CART_FIELDS} } userErrors { code field message } } }`;

export type RecoverCartResult = CartPayloadResult & { cartToken: string | null };
