import { gql } from 'graphql-request';

export const CUSTOMER_FIELDS = gql`
  fragment CustomerFields on Customer {
    id
    storeId
    firstName
    lastName
    email
    phone
    tags
    note
    acceptsMarketing
    taxExempt
    taxExemptionReference
    totalSpent {
      amount
      currencyCode
    }
    ordersCount
    lastOrderAt
    userId
    user {
      id
    }
    defaultAddress {
      id
      countryCode
    }
    addresses {
      id
      name
      countryCode
      isDefault
    }
  }
`;

export const CREATE_CUSTOMER = gql`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      customer {
        ...CustomerFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
  ${CUSTOMER_FIELDS}
`;

export const SET_TAX_EXEMPTION = gql`
  mutation SetCustomerTaxExemption($input: SetCustomerTaxExemptionInput!) {
    setCustomerTaxExemption(input: $input) {
      customer {
        ...CustomerFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
  ${CUSTOMER_FIELDS}
`;

export const UPDATE_CUSTOMER = gql`
  mutation UpdateCustomer($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) {
      customer {
        ...CustomerFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
  ${CUSTOMER_FIELDS}
`;

export const DELETE_CUSTOMER = gql`
  mutation DeleteCustomer($input: DeleteCustomerInput!) {
    deleteCustomer(input: $input) {
      deletedCustomerId
      userErrors {
        code
        field
        message
      }
    }
  }
`;

export const CUSTOMER = gql`
  query Customer($id: ID!) {
    customer(id: $id) {
      ...CustomerFields
    }
  }
  ${CUSTOMER_FIELDS}
`;

export const CUSTOMERS = gql`
  query Customers($first: Int, $after: String, $filter: CustomerFilter, $sort: CustomerSort) {
    customers(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      nodes {
        id
        email
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const MY_PROFILE = gql`
  query MyCustomerProfile {
    myCustomerProfile {
      ...CustomerFields
    }
  }
  ${CUSTOMER_FIELDS}
`;

const ADDRESS_RESULT = `
  address {
    id
    name
    line1
    city
    countryCode
    isDefault
  }
  customer {
    id
    defaultAddress {
      id
    }
    addresses {
      id
      isDefault
    }
  }
  userErrors {
    code
    field
    message
  }
`;

export const CREATE_ADDRESS = `mutation CreateAddress($input: CreateCustomerAddressInput!) { createCustomerAddress(input: $input) { ${ADDRESS_RESULT} } }`;
export const UPDATE_ADDRESS = `mutation UpdateAddress($input: UpdateCustomerAddressInput!) { updateCustomerAddress(input: $input) { ${ADDRESS_RESULT} } }`;
export const SET_DEFAULT_ADDRESS = `mutation SetDefault($input: SetDefaultCustomerAddressInput!) { setDefaultCustomerAddress(input: $input) { ${ADDRESS_RESULT} } }`;
export const DELETE_ADDRESS = gql`
  mutation DeleteAddress($input: DeleteCustomerAddressInput!) {
    deleteCustomerAddress(input: $input) {
      deletedAddressId
      customer {
        id
        defaultAddress {
          id
        }
        addresses {
          id
          isDefault
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;

const SEGMENT_RESULT = `
  customerSegment {
    id
    name
    customerCount
    rules {
      match
      conditions {
        field
        operator
        value
      }
    }
  }
  userErrors {
    code
    field
    message
  }
`;

export const CREATE_SEGMENT = `mutation CreateSegment($input: CreateCustomerSegmentInput!) { createCustomerSegment(input: $input) { ${SEGMENT_RESULT} } }`;
export const UPDATE_SEGMENT = `mutation UpdateSegment($input: UpdateCustomerSegmentInput!) { updateCustomerSegment(input: $input) { ${SEGMENT_RESULT} } }`;
export const DELETE_SEGMENT = gql`
  mutation DeleteSegment($input: DeleteCustomerSegmentInput!) {
    deleteCustomerSegment(input: $input) {
      deletedCustomerSegmentId
      userErrors {
        code
        field
        message
      }
    }
  }
`;

export const SEGMENT = gql`
  query Segment($id: ID!) {
    customerSegment(id: $id) {
      id
      name
      customerCount
    }
  }
`;

export const SEGMENTS = gql`
  query Segments {
    customerSegments(first: 100) {
      totalCount
      nodes {
        id
        name
      }
    }
  }
`;

export const SEGMENT_CUSTOMERS = gql`
  query SegmentCustomers($segmentId: ID!, $first: Int, $after: String) {
    segmentCustomers(segmentId: $segmentId, first: $first, after: $after) {
      totalCount
      nodes {
        id
        email
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const ENTITIES = gql`
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Customer {
        id
        email
        totalSpent {
          amount
        }
      }
      ... on CustomerSegment {
        id
        name
      }
    }
  }
`;

export const CUSTOMER_ORDERS = gql`
  query CustomerOrders($id: ID!, $first: Int, $after: String) {
    customer(id: $id) {
      id
      orders(first: $first, after: $after) {
        totalCount
        nodes {
          id
        }
        pageInfo {
          hasNextPage
          endCursor
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

export interface CustomerResult {
  id: string;
  storeId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  tags: string[];
  note: string;
  acceptsMarketing: boolean;
  taxExempt: boolean;
  taxExemptionReference: string | null;
  totalSpent: { amount: number; currencyCode: string };
  ordersCount: number;
  lastOrderAt: string | null;
  userId: string | null;
  user: { id: string } | null;
  defaultAddress: { id: string; countryCode: string } | null;
  addresses: { id: string; name: string; countryCode: string; isDefault: boolean }[];
}
