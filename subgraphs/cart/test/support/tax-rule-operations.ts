import { gql } from 'graphql-request';

export const TAX_RULE_FIELDS = 'id title countryCode provinceCode postalCodePrefix taxClass rateBasisPoints createdAt updatedAt';
const PAYLOAD = `taxRule { ${TAX_RULE_FIELDS} } userErrors { code field message }`;

export const CREATE_TAX_RULE = gql`mutation ($input: CreateTaxRuleInput!) { createTaxRule(input: $input) { ${PAYLOAD} } }`;
export const UPDATE_TAX_RULE = gql`mutation ($input: UpdateTaxRuleInput!) { updateTaxRule(input: $input) { ${PAYLOAD} } }`;
export const DELETE_TAX_RULE = gql`mutation ($input: DeleteTaxRuleInput!) { deleteTaxRule(input: $input) { deletedId ${PAYLOAD} } }`;
export const TAX_RULE = gql`query ($id: ID!) { taxRule(id: $id) { ${TAX_RULE_FIELDS} } }`;
export const TAX_RULES = gql`
  query ($first: Int, $after: String, $countryCode: String) {
    taxRules(first: $first, after: $after, countryCode: $countryCode) {
      totalCount
      nodes {
        id
        title
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
export const TAXED_CART = gql`
  query ($id: ID!, $token: String) {
    cart(id: $id, token: $token) {
      id
      taxExempt
      subtotal {
        amount
      }
      taxTotal {
        amount
      }
      total {
        amount
      }
      taxLines {
        title
        rateBasisPoints
        amount {
          amount
          currencyCode
        }
      }
      lines {
        id
      }
    }
  }
`;

export interface TaxedCartResult {
  id: string;
  taxExempt: boolean;
  subtotal: { amount: number };
  taxTotal: { amount: number };
  total: { amount: number };
  taxLines: { title: string; rateBasisPoints: number; amount: { amount: number; currencyCode: string } }[];
  lines: { id: string }[];
}
