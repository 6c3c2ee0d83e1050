'use strict';
const { expectNoUserErrors } = require('./client');

const STORE_STAFF = `query SeedStoreStaff($storeId: ID!) { storeStaff(storeId: $storeId) { userId role } }`;
const ADD_STORE_STAFF = `mutation SeedAddStoreStaff($input: AddStoreStaffInput!) {
  addStoreStaff(input: $input) { staffMember { userId role } userErrors { code field message } }
}`;

/**
 * Makes `userId` a STORE_STAFF member of `storeId` unless they already work there (`merchant` acts
 * as the store's merchant). The one place that knows how someone joins a store's staff: when staff
 * join by invitation, inviting and accepting go here.
 */
async function ensureStaffMember(merchant, storeId, userId) {
  const { storeStaff } = await merchant(STORE_STAFF, { storeId });
  if (storeStaff.some((member) => member.userId === userId)) return { created: false };
  const { addStoreStaff } = await merchant(ADD_STORE_STAFF, { input: { storeId, userId, role: 'STORE_STAFF' } });
  expectNoUserErrors('addStoreStaff', addStoreStaff);
  return { created: true };
}

module.exports = { ensureStaffMember };
