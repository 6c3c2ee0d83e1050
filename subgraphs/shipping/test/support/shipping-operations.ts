import { gql } from 'graphql-request';

export const ZONE_FIELDS = `id name regions { countryCode provinceCode postalCodePrefix }`;
export const METHOD_FIELDS = `id zoneId name currencyCode taxClass
  rate { kind amount { amount currencyCode } weightBrackets { minWeightGrams maxWeightGrams amount { amount } } priceBands { minSubtotal { amount } maxSubtotal { amount } amount { amount } } }
  freeOverSubtotal { amount currencyCode }
  carrier { code name trackingUrlTemplate trackingUrl(trackingNumber: "AB 12") }`;

export const CREATE_ZONE = gql`mutation ($input: CreateShippingZoneInput!) { createShippingZone(input: $input) { shippingZone { ${ZONE_FIELDS} } userErrors { code field message } } }`;
export const UPDATE_ZONE = gql`mutation ($input: UpdateShippingZoneInput!) { updateShippingZone(input: $input) { shippingZone { ${ZONE_FIELDS} } userErrors { code field message } } }`;
export const DELETE_ZONE = gql`
  mutation ($input: DeleteShippingZoneInput!) {
    deleteShippingZone(input: $input) {
      deletedShippingZoneId
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const CREATE_METHOD = gql`mutation ($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { shippingMethod { ${METHOD_FIELDS} } userErrors { code field message } } }`;
export const UPDATE_METHOD = gql`mutation ($input: UpdateShippingMethodInput!) { updateShippingMethod(input: $input) { shippingMethod { ${METHOD_FIELDS} } userErrors { code field message } } }`;
export const DELETE_METHOD = gql`
  mutation ($input: DeleteShippingMethodInput!) {
    deleteShippingMethod(input: $input) {
      deletedShippingMethodId
      userErrors {
        code
        field
        message
      }
    }
  }
`;

export const ZONES = gql`query ($first: Int, $after: String) { shippingZones(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ZONE_FIELDS} methods { id name } } } }`;
export const METHODS = gql`
  query ($zoneId: ID, $first: Int, $after: String) {
    shippingMethods(zoneId: $zoneId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        zone {
          id
          name
        }
      }
    }
  }
`;
export const ZONE = gql`query ($id: ID!) { shippingZone(id: $id) { ${ZONE_FIELDS} } }`;
export const METHOD = gql`
  query ($id: ID!) {
    shippingMethod(id: $id) {
      id
      name
    }
  }
`;

export const CART_RATES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Cart {
        id
        availableShippingRates {
          id
          title
          price {
            amount
            currencyCode
          }
          freeOverApplied
          carrier {
            code
            name
          }
        }
      }
    }
  }
`;

export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message: string;
}
export interface ZoneResult {
  id: string;
  name: string;
  regions: { countryCode: string; provinceCode: string | null; postalCodePrefix: string | null }[];
}
export interface MethodResult {
  id: string;
  zoneId: string;
  name: string;
  rate: { kind: string; amount: { amount: number } | null };
  freeOverSubtotal: { amount: number } | null;
  carrier: { code: string; name: string; trackingUrlTemplate: string | null; trackingUrl: string | null };
}
export interface RateResult {
  id: string;
  title: string;
  price: { amount: number; currencyCode: string };
  freeOverApplied: boolean;
  carrier: { code: string; name: string };
}

/** A Cart representation as the gateway sends it, with the facts availableShippingRates requires. */
export function cartRepresentation(
  address: { countryCode: string; provinceCode?: string | null; postalCode?: string | null } | null,
  subtotal: number,
  totalWeightGrams = 0,
  currencyCode = 'CAD',
) {
  return {
    __typename: 'Cart',
    id: '00000000-0000-4000-8000-000000000001',
    shippingAddress: address && { provinceCode: null, postalCode: null, ...address },
    totalWeightGrams,
    subtotal: { amount: subtotal, currencyCode },
  };
}
