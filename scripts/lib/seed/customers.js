'use strict';
const { allNodes, eachLimited, expectNoUserErrors } = require('./client');

// 25 a page costs 277 points (each customer 1 + its addresses, assumed 10): 100 a page cost 1102, over
// the gateway's MAX_QUERY_COST of 1000 (gateway/src/limits); allNodes follows the pages to the end
const CUSTOMERS_PAGE = `query SeedCustomers($after: String) {
  customers(first: 25, after: $after) { nodes { id email addresses { id } } pageInfo { hasNextPage endCursor } }
}`;
const CREATE_CUSTOMER = `mutation SeedCreateCustomer($input: CreateCustomerInput!) {
  createCustomer(input: $input) { customer { id email } userErrors { code field message } }
}`;
const CREATE_ADDRESS = `mutation SeedCreateCustomerAddress($input: CreateCustomerAddressInput!) {
  createCustomerAddress(input: $input) { address { id } userErrors { code field message } }
}`;

/**
 * Creates the `customers` the store (`merchant` acts for it) has no customer for yet, by email,
 * and gives every one without an address its addresses (the first becomes the default).
 *
 * @returns {Promise<{ created: number, existing: number, addresses: number }>}
 */
async function seedCustomers(merchant, customers) {
  const byEmail = new Map((await allNodes(merchant, CUSTOMERS_PAGE, (data) => data.customers)).map((node) => [node.email.toLowerCase(), node]));
  let created = 0;
  let addresses = 0;
  await eachLimited(customers, 4, async (customer) => {
    let found = byEmail.get(customer.email.toLowerCase());
    if (!found) {
      const { createCustomer } = await merchant(CREATE_CUSTOMER, { input: customer.input });
      found = { ...expectNoUserErrors(`createCustomer ${customer.email}`, createCustomer).customer, addresses: [] };
      created++;
    }
    if (found.addresses.length > 0) return;
    // one at a time: the first becomes the default
    for (const address of customer.addresses) {
      const { createCustomerAddress } = await merchant(CREATE_ADDRESS, { input: { customerId: found.id, address } });
      expectNoUserErrors(`createCustomerAddress for ${customer.email}`, createCustomerAddress);
      addresses++;
    }
  });
  return { created, existing: customers.length - created, addresses };
}

module.exports = { seedCustomers };
