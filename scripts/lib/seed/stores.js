'use strict';
const { expectNoUserErrors } = require('./client');

const MY_STORES = `query SeedMyStores { myStores { id name } }`;
const CREATE_STORE = `mutation SeedCreateStore($input: CreateStoreInput!) {
  createStore(input: $input) { store { id } userErrors { code field message } }
}`;

/**
 * The id of the store named `input.name` among its owner's stores (`request` acts as the owner,
 * for no store), or of the store created with `input` (the owner becomes its merchant).
 */
async function ensureStore(request, input) {
  const { myStores } = await request(MY_STORES);
  const found = myStores.find((store) => store.name === input.name);
  if (found) return { storeId: found.id, created: false };
  const { createStore } = await request(CREATE_STORE, { input });
  expectNoUserErrors(`createStore ${input.name}`, createStore);
  return { storeId: createStore.store.id, created: true };
}

module.exports = { ensureStore };
