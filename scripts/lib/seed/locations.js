'use strict';
const { eachLimited, expectNoUserErrors } = require('./client');

const LOCATIONS = `query SeedLocations { locations(first: 50) { nodes { id code isDefault } pageInfo { hasNextPage endCursor } } }`;
const CREATE_LOCATION = `mutation SeedCreateLocation($input: CreateLocationInput!) {
  createLocation(input: $input) { location { id code } userErrors { code field message } }
}`;
const TRANSFER_STOCK = `mutation SeedTransferStock($input: TransferStockInput!) {
  transferStock(input: $input) { transfer { id } userErrors { code field message } }
}`;

/** The store's location with `location.code` (found, or created) and its default location's id. */
async function ensureLocation(request, location) {
  const { locations } = await request(LOCATIONS);
  const found = locations.nodes.find((node) => node.code === location.code);
  const defaultId = locations.nodes.find((node) => node.isDefault)?.id ?? null;
  if (found) return { id: found.id, defaultId, created: false };
  const { createLocation } = await request(CREATE_LOCATION, { input: location });
  return { id: expectNoUserErrors(`createLocation ${location.code}`, createLocation).location.id, defaultId, created: true };
}

/**
 * Moves a third of the stock of every third product's first variant from the default location to
 * `locationId`, so the demo shows stock at two locations. Each transfer is keyed by its variant:
 * a repeat moves nothing twice.
 *
 * @param {{ variantId: string, stock: number }[]} variants in the demo's product order
 */
async function spreadStock(request, fromLocationId, toLocationId, variants) {
  const moves = variants.filter((_, index) => index % 3 === 0).filter((variant) => variant.stock >= 3);
  await eachLimited(moves, 4, async ({ variantId, stock }) => {
    const input = {
      variantId,
      fromLocationId,
      toLocationId,
      quantity: Math.floor(stock / 3),
      reason: 'Demo data',
      idempotencyKey: `demo-seed:transfer:${variantId}`,
    };
    expectNoUserErrors(`transferStock ${variantId}`, (await request(TRANSFER_STOCK, { input })).transferStock);
  });
  return moves.length;
}

module.exports = { ensureLocation, spreadStock };
