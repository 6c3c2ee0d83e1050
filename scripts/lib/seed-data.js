'use strict';
/**
 * The demo catalogue `npm start` and `npm run seed` put into the demo store: the same store, the
 * same 50 products and the same stock on every machine, so a second run can recognise its own
 * products by handle and changes nothing.
 */

/** The demo store's owner (a fixed user id, so every run finds the store it created before among theirs). */
const DEMO_OWNER_ID = '5eed5eed-0000-4000-8000-0000000000a1';
/** The demo store, created in the stores subgraph on the first seed. */
const DEMO_STORE = { name: 'UltraMarket Demo', email: 'demo@ultramarket.local', currency: 'USD', locale: 'en-US', timezone: 'UTC' };
const CURRENCY = 'USD';

/** Five categories of ten products each: [title, price in cents]. */
const CATALOGUE = {
  Apparel: [
    ['Classic Cotton T-Shirt', 1900],
    ['Merino Wool Sweater', 8900],
    ['Slim Fit Chinos', 5900],
    ['Waterproof Rain Jacket', 12900],
    ['Organic Cotton Hoodie', 6400],
    ['Linen Button-Down Shirt', 4900],
    ['Everyday Denim Jeans', 7900],
    ['Knit Beanie', 2200],
    ['Leather Belt', 3500],
    ['Wool Blend Socks (3 Pack)', 1800],
  ],
  'Home & Kitchen': [
    ['Cast Iron Skillet', 3900],
    ['Ceramic Pour-Over Coffee Set', 4500],
    ['Bamboo Cutting Board', 2400],
    ['Stainless Steel Chef Knife', 6900],
    ['Linen Table Napkins (Set of 4)', 2900],
    ['Glass Food Storage Containers', 3400],
    ['Stoneware Dinner Plates (Set of 4)', 5400],
    ['French Press Coffee Maker', 3200],
    ['Wooden Salad Bowl', 2800],
    ['Enamel Dutch Oven', 9900],
  ],
  Electronics: [
    ['Wireless Noise-Cancelling Headphones', 19900],
    ['Portable Bluetooth Speaker', 7900],
    ['USB-C Fast Charger', 2900],
    ['Mechanical Keyboard', 11900],
    ['Ergonomic Wireless Mouse', 4900],
    ['4K Webcam', 12900],
    ['Smart LED Desk Lamp', 5900],
    ['Power Bank 20000 mAh', 4400],
    ['True Wireless Earbuds', 8900],
    ['Braided USB-C Cable (2 m)', 1500],
  ],
  Outdoors: [
    ['Ultralight Camping Tent', 24900],
    ['Insulated Water Bottle', 3200],
    ['Trail Running Backpack', 8900],
    ['Down Sleeping Bag', 18900],
    ['Camping Headlamp', 2900],
    ['Folding Camp Chair', 4900],
    ['Trekking Poles (Pair)', 6900],
    ['Compact Camping Stove', 5400],
    ['Quick-Dry Travel Towel', 2400],
    ['Hammock with Straps', 3900],
  ],
  Books: [
    ['The Pragmatic Kitchen', 2900],
    ['Field Guide to Mountain Birds', 2400],
    ['Designing Data Systems', 4500],
    ['A Year of Slow Travel', 1900],
    ['The Illustrated Garden', 3400],
    ['Learning to Code, Gently', 2700],
    ['Stories from the Coast', 1600],
    ['The Home Coffee Handbook', 2200],
    ['Weekend Woodworking', 2600],
    ['Stars and How to Find Them', 2100],
  ],
};

/** `"Wool Blend Socks (3 Pack)"` → `"wool-blend-socks-3-pack"` (the catalog's handle format). */
function handleOf(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The 50 demo products, in a fixed order: `{ handle, stock, input }`. */
function demoProducts() {
  const products = [];
  Object.entries(CATALOGUE).forEach(([category, items], categoryIndex) => {
    items.forEach(([title, amount], itemIndex) => {
      const index = categoryIndex * items.length + itemIndex;
      const handle = handleOf(title);
      products.push({
        handle,
        // 8..99 units, spread deterministically
        stock: 8 + ((index * 37) % 92),
        /** The CreateProductInput. */
        input: {
          title,
          handle,
          description: `${title}: part of the UltraMarket demo catalogue (${category.toLowerCase()}).`,
          price: { amount, currencyCode: CURRENCY },
          category,
          imageUrl: `https://picsum.photos/seed/${handle}/800/800`,
          status: 'ACTIVE',
        },
      });
    });
  });
  return products;
}

const CATEGORIES = Object.keys(CATALOGUE);

module.exports = { DEMO_OWNER_ID, DEMO_STORE, CATEGORIES, demoProducts, handleOf };
