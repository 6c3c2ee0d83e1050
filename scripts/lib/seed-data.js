'use strict';
/**
 * The demo data `npm start` and `npm run seed` put into UltraMarket: the demo store with 50
 * products (apparel in sizes and colours, the rest single-variant; an image each; stock at two
 * locations; a category tree and two collections), its staff member, 10 customers with addresses, about 30 orders in every status and a
 * segment; and a second store with its own owner and products, to show tenancy. The same on every
 * machine, so a second run recognises everything it made before (by name, handle, email or
 * idempotency key) and creates nothing.
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

/**
 * Apparel sold in sizes and colours: handle → its options (each combination is a variant; a larger
 * size costs `sizeStep` cents more). Every other demo product keeps its one default variant.
 */
const VARIANT_OPTIONS = {
  'classic-cotton-t-shirt': {
    sizeStep: 100,
    options: [
      { name: 'Size', values: ['S', 'M', 'L'] },
      { name: 'Colour', values: ['Red', 'Blue'] },
    ],
  },
  'organic-cotton-hoodie': {
    sizeStep: 200,
    options: [
      { name: 'Size', values: ['S', 'M', 'L', 'XL'] },
      { name: 'Colour', values: ['Grey', 'Navy'] },
    ],
  },
  'merino-wool-sweater': {
    sizeStep: 300,
    options: [
      { name: 'Size', values: ['S', 'M', 'L'] },
      { name: 'Colour', values: ['Oatmeal', 'Charcoal'] },
    ],
  },
  'everyday-denim-jeans': { sizeStep: 0, options: [{ name: 'Waist', values: ['30', '32', '34', '36'] }] },
};

/** Products tagged "summer": the automated "Summer sale" collection holds them. */
const SUMMER = new Set([
  'classic-cotton-t-shirt',
  'linen-button-down-shirt',
  'insulated-water-bottle',
  'folding-camp-chair',
  'quick-dry-travel-towel',
  'hammock-with-straps',
  'portable-bluetooth-speaker',
]);

/** Each demo category's vendor and product type. */
const BRANDS = {
  Apparel: ['Northfield Outfitters', 'Clothing'],
  'Home & Kitchen': ['Hearth & Table', 'Kitchenware'],
  Electronics: ['Voltline', 'Electronics'],
  Outdoors: ['Ridgeback Gear', 'Outdoor gear'],
  Books: ['Lantern Press', 'Book'],
};

/** Every combination of the options' values, in option order (the first option's values vary slowest). */
function combinations(options) {
  return options.reduce((sets, option) => sets.flatMap((set) => option.values.map((value) => [...set, { name: option.name, value }])), [[]]);
}

/** A variant product's variants (CreateProductInput.variants): a SKU each, priced up by size. */
function variantsOf(handle, amount, { options, sizeStep }) {
  const sizes = options[0].values;
  return combinations(options).map((selected) => ({
    options: selected,
    sku: [
      handle
        .split('-')
        .map((word) => word[0].toUpperCase())
        .join(''),
      ...selected.map((option) => option.value.toUpperCase()),
    ].join('-'),
    price: { amount: amount + sizes.indexOf(selected[0].value) * sizeStep, currencyCode: CURRENCY },
  }));
}

/** The 50 demo products, in a fixed order: `{ handle, stock, input }` (stock per variant). */
function demoProducts() {
  const products = [];
  Object.entries(CATALOGUE).forEach(([category, items], categoryIndex) => {
    items.forEach(([title, amount], itemIndex) => {
      const index = categoryIndex * items.length + itemIndex;
      const handle = handleOf(title);
      const variants = VARIANT_OPTIONS[handle];
      const [vendor, productType] = BRANDS[category];
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
          vendor,
          productType,
          tags: [category.toLowerCase(), ...(SUMMER.has(handle) ? ['summer'] : [])],
          status: 'ACTIVE',
          ...(variants ? { options: variants.options, variants: variantsOf(handle, amount, variants) } : {}),
        },
      });
    });
  });
  return products;
}

/** The demo store's second location: every third product keeps a third of its stock there. */
const DEMO_LOCATION = { name: 'Warehouse', code: 'warehouse', priority: 10, city: 'Reno', countryCode: 'US' };

/**
 * The demo store's shipping (the shipping subgraph): zones found again by name, their methods by name. Standard in
 * the United States is free from 50.00; Express is priced by weight; Canada and Mexico ship at one flat rate.
 */
/** The demo store's discount code and tax rules (cart prices every cart with them; docs/demo-data.md). */
const DEMO_PROMOTIONS = [
  {
    title: 'Welcome: 10% off orders from 50.00',
    code: 'WELCOME10',
    valueKind: 'PERCENTAGE',
    basisPoints: 1000,
    minimumSubtotal: 5000,
    usageLimitPerCustomer: 1,
    combinable: true,
  },
];
const DEMO_TAX_RULES = [
  { title: 'California sales tax', countryCode: 'US', provinceCode: 'CA', rateBasisPoints: 725 },
  { title: 'New York sales tax', countryCode: 'US', provinceCode: 'NY', rateBasisPoints: 400 },
];

const DEMO_SHIPPING_ZONES = [
  {
    name: 'United States',
    regions: [{ countryCode: 'US' }],
    methods: [
      {
        name: 'Standard',
        currencyCode: 'USD',
        rate: { kind: 'FLAT', amount: 599 },
        freeOverSubtotal: 5000,
        carrier: { name: 'USPS', trackingUrlTemplate: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={trackingNumber}' },
      },
      {
        name: 'Express',
        currencyCode: 'USD',
        rate: {
          kind: 'BY_WEIGHT',
          weightBrackets: [
            { minWeightGrams: 0, maxWeightGrams: 1000, amount: 1499 },
            { minWeightGrams: 1000, maxWeightGrams: 5000, amount: 2499 },
            { minWeightGrams: 5000, amount: 3999 },
          ],
        },
        carrier: { name: 'UPS', trackingUrlTemplate: 'https://www.ups.com/track?tracknum={trackingNumber}' },
      },
    ],
  },
  {
    name: 'Canada and Mexico',
    regions: [{ countryCode: 'CA' }, { countryCode: 'MX' }],
    methods: [{ name: 'International', currencyCode: 'USD', rate: { kind: 'FLAT', amount: 1999 }, carrier: { name: 'DHL' } }],
  },
];

/**
 * The demo store's category tree, parents before children: `{ handle, name, parent, products }`
 * (products: the handles filed directly under it).
 */
const DEMO_CATEGORIES = [
  { handle: 'apparel', name: 'Apparel', parent: null, products: [] },
  { handle: 'men', name: 'Men', parent: 'apparel', products: [] },
  {
    handle: 'men-tops',
    name: 'Tops',
    parent: 'men',
    products: ['classic-cotton-t-shirt', 'merino-wool-sweater', 'linen-button-down-shirt', 'organic-cotton-hoodie'],
  },
  { handle: 'men-bottoms', name: 'Bottoms', parent: 'men', products: ['slim-fit-chinos', 'everyday-denim-jeans'] },
  { handle: 'women', name: 'Women', parent: 'apparel', products: ['classic-cotton-t-shirt', 'organic-cotton-hoodie', 'waterproof-rain-jacket'] },
  { handle: 'accessories', name: 'Accessories', parent: 'apparel', products: ['knit-beanie', 'leather-belt', 'wool-blend-socks-3-pack'] },
  { handle: 'home', name: 'Home', parent: null, products: [] },
  {
    handle: 'kitchen',
    name: 'Kitchen',
    parent: 'home',
    products: [
      'cast-iron-skillet',
      'ceramic-pour-over-coffee-set',
      'bamboo-cutting-board',
      'stainless-steel-chef-knife',
      'glass-food-storage-containers',
      'french-press-coffee-maker',
      'enamel-dutch-oven',
    ],
  },
  { handle: 'dining', name: 'Dining', parent: 'home', products: ['linen-table-napkins-set-of-4', 'stoneware-dinner-plates-set-of-4', 'wooden-salad-bowl'] },
  { handle: 'electronics', name: 'Electronics', parent: null, products: [] },
  {
    handle: 'audio',
    name: 'Audio',
    parent: 'electronics',
    products: ['wireless-noise-cancelling-headphones', 'portable-bluetooth-speaker', 'true-wireless-earbuds'],
  },
  {
    handle: 'computer-accessories',
    name: 'Computer accessories',
    parent: 'electronics',
    products: [
      'usb-c-fast-charger',
      'mechanical-keyboard',
      'ergonomic-wireless-mouse',
      '4k-webcam',
      'smart-led-desk-lamp',
      'power-bank-20000-mah',
      'braided-usb-c-cable-2-m',
    ],
  },
  { handle: 'outdoors', name: 'Outdoors', parent: null, products: [] },
  {
    handle: 'camping',
    name: 'Camping',
    parent: 'outdoors',
    products: ['ultralight-camping-tent', 'down-sleeping-bag', 'camping-headlamp', 'folding-camp-chair', 'compact-camping-stove', 'hammock-with-straps'],
  },
  {
    handle: 'hiking',
    name: 'Hiking',
    parent: 'outdoors',
    products: ['insulated-water-bottle', 'trail-running-backpack', 'trekking-poles-pair', 'quick-dry-travel-towel'],
  },
  { handle: 'books', name: 'Books', parent: null, products: CATALOGUE.Books.map(([title]) => handleOf(title)) },
];

/** The demo store's collections (CreateCollectionInput plus, for a manual one, its products' handles in order), found again by handle. */
const DEMO_COLLECTIONS = [
  {
    handle: 'staff-picks',
    input: { title: 'Staff picks', handle: 'staff-picks', description: 'What the team keeps coming back to.', kind: 'MANUAL', published: true },
    products: ['merino-wool-sweater', 'cast-iron-skillet', 'wireless-noise-cancelling-headphones', 'ultralight-camping-tent', 'the-home-coffee-handbook'],
  },
  {
    handle: 'summer-sale',
    input: {
      title: 'Summer sale',
      handle: 'summer-sale',
      description: 'Everything tagged summer, kept current as tags change.',
      kind: 'AUTOMATED',
      match: 'ALL',
      rules: [{ field: 'TAG', relation: 'EQUALS', value: 'summer' }],
      published: true,
    },
    products: [],
  },
];

const CATEGORIES = Object.keys(CATALOGUE);

/** Registered users (accounts): the demo store's staff member and the shopper among its customers. Development passwords. */
const DEMO_STAFF = { email: 'sam.staff@example.com', password: 'Demo-Staff-Password-1', firstName: 'Sam', lastName: 'Rivera' };
const DEMO_SHOPPER = { email: 'ava.thompson@example.com', password: 'Demo-Shopper-Password-1', firstName: 'Ava', lastName: 'Thompson' };

/**
 * The demo store's customers: who they are and where they live (the first address becomes the
 * default; `label` is added to the name on the others).
 */
const CUSTOMERS = [
  {
    firstName: 'Ava',
    lastName: 'Thompson',
    email: DEMO_SHOPPER.email,
    phone: '+1 415 555 0101',
    tags: ['vip'],
    acceptsMarketing: true,
    addresses: [
      { line1: '742 Market Street', city: 'San Francisco', province: 'CA', postalCode: '94103', countryCode: 'US' },
      { label: 'work', line1: '1 Ferry Building', city: 'San Francisco', province: 'CA', postalCode: '94111', countryCode: 'US' },
    ],
  },
  {
    firstName: 'Liam',
    lastName: 'Okafor',
    email: 'liam.okafor@example.com',
    phone: '+44 20 7946 0102',
    tags: ['wholesale'],
    acceptsMarketing: false,
    addresses: [{ line1: '221 Baker Street', city: 'London', province: null, postalCode: 'NW1 6XE', countryCode: 'GB' }],
  },
  {
    firstName: 'Mia',
    lastName: 'Schneider',
    email: 'mia.schneider@example.com',
    phone: '+49 30 901820',
    tags: [],
    acceptsMarketing: true,
    addresses: [{ line1: 'Friedrichstrasse 43', city: 'Berlin', province: null, postalCode: '10117', countryCode: 'DE' }],
  },
  {
    firstName: 'Noah',
    lastName: 'Dubois',
    email: 'noah.dubois@example.com',
    phone: '+33 1 70 36 39 50',
    tags: ['newsletter'],
    acceptsMarketing: true,
    addresses: [{ line1: '12 Rue de Rivoli', city: 'Paris', province: null, postalCode: '75004', countryCode: 'FR' }],
  },
  {
    firstName: 'Sofia',
    lastName: 'Rossi',
    email: 'sofia.rossi@example.com',
    phone: null,
    tags: [],
    acceptsMarketing: false,
    addresses: [{ line1: 'Via del Corso 120', city: 'Rome', province: 'RM', postalCode: '00186', countryCode: 'IT' }],
  },
  {
    firstName: 'Ethan',
    lastName: 'Nakamura',
    email: 'ethan.nakamura@example.com',
    phone: '+1 206 555 0106',
    tags: ['vip', 'newsletter'],
    acceptsMarketing: true,
    addresses: [
      { line1: '400 Broad Street', city: 'Seattle', province: 'WA', postalCode: '98109', countryCode: 'US' },
      { label: 'cabin', line1: '88 Lakeview Road', city: 'Leavenworth', province: 'WA', postalCode: '98826', countryCode: 'US' },
    ],
  },
  {
    firstName: 'Chloe',
    lastName: 'Martin',
    email: 'chloe.martin@example.com',
    phone: '+1 514 555 0107',
    tags: [],
    acceptsMarketing: false,
    addresses: [{ line1: '1200 Rue Sainte-Catherine', city: 'Montreal', province: 'QC', postalCode: 'H3B 1K9', countryCode: 'CA' }],
  },
  {
    firstName: 'Lucas',
    lastName: 'Silva',
    email: 'lucas.silva@example.com',
    phone: null,
    tags: ['newsletter'],
    acceptsMarketing: true,
    addresses: [{ line1: 'Rua Augusta 1500', city: 'Sao Paulo', province: 'SP', postalCode: '01304-001', countryCode: 'BR' }],
  },
  {
    firstName: 'Isla',
    lastName: 'Walker',
    email: 'isla.walker@example.com',
    phone: '+61 2 5550 0109',
    tags: [],
    acceptsMarketing: false,
    addresses: [{ line1: '10 George Street', city: 'Sydney', province: 'NSW', postalCode: '2000', countryCode: 'AU' }],
  },
  {
    firstName: 'Oliver',
    lastName: 'Jensen',
    email: 'oliver.jensen@example.com',
    phone: '+45 32 12 34 56',
    tags: [],
    acceptsMarketing: true,
    addresses: [{ line1: 'Nyhavn 17', city: 'Copenhagen', province: null, postalCode: '1051', countryCode: 'DK' }],
  },
];

/** The 10 demo customers, in a fixed order: `{ email, input: CreateCustomerInput, addresses: CustomerAddressInput[] }`. */
function demoCustomers() {
  return CUSTOMERS.map(({ addresses, ...customer }) => ({
    email: customer.email,
    input: { ...customer, note: 'Demo customer' },
    addresses: addresses.map(({ label, ...address }) => ({
      name: `${customer.firstName} ${customer.lastName}${label ? ` (${label})` : ''}`,
      ...address,
      phone: customer.phone,
    })),
  }));
}

/**
 * How far each demo order goes through the saga, and how many: 30 orders. `declinedFirst` is
 * paid after a declined card; DECLINED stops at the declined payment (PAYMENT_FAILED); CREATED is
 * placed and left unpaid. Open orders are cancelled by inventory when their reservation expires
 * (INVENTORY_RESERVATION_TTL_SECONDS, 15 minutes by default), as any unpaid order is.
 */
const ORDER_OUTCOMES = [
  ['COMPLETED', 10],
  ['DISPATCHED', 5],
  ['CONFIRMED', 5],
  ['CONFIRMED_AFTER_DECLINE', 1],
  ['CANCELLED', 4],
  ['DECLINED', 2],
  ['CREATED', 3],
];

/** Test payment methods of the simulated provider (Stripe's test tokens, so they also work in Stripe's test mode). */
const PAYMENT_TOKENS = { paid: 'tok_visa', declined: 'tok_chargeDeclined' };

/** Which customer (index into CUSTOMERS) places the n-th order: the shopper and a few regulars place several, two customers none. */
const ORDER_CUSTOMERS = [0, 1, 2, 0, 3, 1, 4, 5, 0, 2, 6, 5, 0, 1, 7, 3, 0, 5, 2, 1, 6, 0, 3, 7, 5, 1, 0, 2, 4, 5];

/**
 * The demo orders, in a fixed order: `{ key, customer, outcome, items: [{ handle, quantity }] }`. `key`
 * is the placeOrder idempotency key (payments derive theirs from it), so a repeat finds the same order.
 */
function demoOrders() {
  const outcomes = ORDER_OUTCOMES.flatMap(([outcome, count]) => Array.from({ length: count }, () => outcome));
  const products = demoProducts();
  return outcomes.map((outcome, index) => {
    const lines = 1 + (index % 3);
    const items = Array.from({ length: lines }, (_, line) => ({
      handle: products[(index * 7 + line * 13) % products.length].handle,
      quantity: 1 + ((index + line) % 2),
    }));
    return { key: `demo-seed:order:${String(index + 1).padStart(2, '0')}`, customer: ORDER_CUSTOMERS[index], outcome, items };
  });
}

/** Segments of the demo store (CreateCustomerSegmentInput), found again by name. */
const DEMO_SEGMENTS = [
  { name: 'Repeat buyers', rules: { match: 'ALL', conditions: [{ field: 'ORDERS_COUNT', operator: 'GREATER_THAN_OR_EQUAL', value: '2' }] } },
  { name: 'Marketing subscribers', rules: { match: 'ALL', conditions: [{ field: 'ACCEPTS_MARKETING', operator: 'EQUALS', value: 'true' }] } },
];

/** The second store, with its own owner and a few products: the demo merchant sees none of it. */
const SECOND_OWNER_ID = '5eed5eed-0000-4000-8000-0000000000b2';
const SECOND_STORE = { name: 'Harbor Hardware', email: 'hello@harbor-hardware.example', currency: 'USD', locale: 'en-US', timezone: 'America/New_York' };
const SECOND_CATALOGUE = [
  ['Claw Hammer', 2400, 40],
  ['Cordless Drill', 12900, 15],
  ['Tape Measure (8 m)', 1400, 60],
  ['Safety Goggles', 1100, 50],
  ['Adjustable Wrench', 1900, 35],
];

/** The second store's products: `{ handle, stock, input }`, like demoProducts. */
function secondStoreProducts() {
  return SECOND_CATALOGUE.map(([title, amount, stock]) => {
    const handle = handleOf(title);
    return {
      handle,
      stock,
      input: {
        title,
        handle,
        description: `${title}: from the second demo store.`,
        price: { amount, currencyCode: CURRENCY },
        category: 'Tools',
        status: 'ACTIVE',
      },
    };
  });
}

module.exports = {
  DEMO_OWNER_ID,
  DEMO_STORE,
  DEMO_STAFF,
  DEMO_SHOPPER,
  DEMO_SEGMENTS,
  PAYMENT_TOKENS,
  SECOND_OWNER_ID,
  SECOND_STORE,
  CATEGORIES,
  DEMO_LOCATION,
  DEMO_SHIPPING_ZONES,
  DEMO_PROMOTIONS,
  DEMO_TAX_RULES,
  DEMO_CATEGORIES,
  DEMO_COLLECTIONS,
  demoProducts,
  demoCustomers,
  demoOrders,
  secondStoreProducts,
  handleOf,
};
