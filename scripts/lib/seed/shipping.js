'use strict';
const { expectNoUserErrors } = require('./client');

const ZONES = `query SeedShippingZones { shippingZones(first: 50) { nodes { id name methods { name } } } }`;
const CREATE_ZONE = `mutation SeedCreateShippingZone($input: CreateShippingZoneInput!) {
  createShippingZone(input: $input) { shippingZone { id name } userErrors { code field message } }
}`;
const CREATE_METHOD = `mutation SeedCreateShippingMethod($input: CreateShippingMethodInput!) {
  createShippingMethod(input: $input) { shippingMethod { id } userErrors { code field message } }
}`;

/**
 * The store's shipping zones, found by name or created, each with its methods, found by name or created.
 *
 * @param {{ name: string, regions: object[], methods: { name: string }[] }[]} zones
 */
async function seedShipping(request, zones) {
  const { shippingZones } = await request(ZONES);
  const existing = new Map(shippingZones.nodes.map((zone) => [zone.name, zone]));
  let zonesCreated = 0;
  let methodsCreated = 0;
  for (const zone of zones) {
    let found = existing.get(zone.name);
    if (!found) {
      const input = { name: zone.name, regions: zone.regions };
      found = {
        ...expectNoUserErrors(`createShippingZone ${zone.name}`, (await request(CREATE_ZONE, { input })).createShippingZone).shippingZone,
        methods: [],
      };
      zonesCreated++;
    }
    const names = new Set(found.methods.map((method) => method.name));
    for (const method of zone.methods.filter((planned) => !names.has(planned.name))) {
      const input = { ...method, zoneId: found.id };
      expectNoUserErrors(`createShippingMethod ${zone.name} ${method.name}`, (await request(CREATE_METHOD, { input })).createShippingMethod);
      methodsCreated++;
    }
  }
  return { zones: zonesCreated, methods: methodsCreated };
}

module.exports = { seedShipping };
