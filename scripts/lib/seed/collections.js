'use strict';
const { expectNoUserErrors } = require('./client');

const COLLECTION_BY_HANDLE = `query SeedCollection($handle: String!) { collectionByHandle(handle: $handle) { id } }`;
const CREATE_COLLECTION = `mutation SeedCreateCollection($input: CreateCollectionInput!) {
  createCollection(input: $input) { collection { id } userErrors { code field message } }
}`;
const ADD_PRODUCTS = `mutation SeedAddToCollection($input: CollectionProductsInput!) {
  addProductsToCollection(input: $input) { userErrors { code field message } }
}`;

/**
 * The store's collections, found by handle or created; a manual one gets its products (in order)
 * when it is created. An automated one fills itself from its rules.
 *
 * @param {{ handle: string, input: object, products: string[] }[]} collections
 * @param {Map<string, string>} productIds handle → product id
 */
async function seedCollections(request, collections, productIds) {
  let created = 0;
  for (const collection of collections) {
    const { collectionByHandle } = await request(COLLECTION_BY_HANDLE, { handle: collection.handle });
    if (collectionByHandle) continue;
    const { id } = expectNoUserErrors(
      `createCollection ${collection.handle}`,
      (await request(CREATE_COLLECTION, { input: collection.input })).createCollection,
    ).collection;
    created++;
    if (collection.products.length > 0) {
      const input = { collectionId: id, productIds: collection.products.map((handle) => productIds.get(handle)) };
      expectNoUserErrors(`addProductsToCollection ${collection.handle}`, (await request(ADD_PRODUCTS, { input })).addProductsToCollection);
    }
  }
  return { created };
}

module.exports = { seedCollections };
