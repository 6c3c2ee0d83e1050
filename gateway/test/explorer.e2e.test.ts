import { randomUUID } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadSigningKeys, readAuthConfig, Role, signAccessToken } from '@ultramarket/kit';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { isListeningPing } from './support/live';
import { GraphQLClient } from 'graphql-request';
import { Storefront } from './support/storefront';

/**
 * The offline explorer (GET /graphql with Accept: text/html) in Debian's Chromium, driven the way a
 * person uses it: first as it opens (the demo store's tabs, run without typing anything), then with
 * headers typed in GraphiQL's headers editor, an operation typed in the query editor, the run
 * button, and the result pane read back. Playwright never downloads a browser here.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const isLoopback = (url: string) => LOOPBACK.has(new URL(url).hostname);

/** What page functions use of the browser (the tests compile without the DOM library). */
type InPage = typeof globalThis & {
  localStorage: { getItem(key: string): string | null };
  cspViolations: string[];
  document: { querySelector(selector: string): { classList: { contains(name: string): boolean }; querySelector(selector: string): unknown } | null };
};

/** The store the explorer opens in by default outside production (EXPLORER_STORE_SLUG), made from its name. */
const DEMO_STORE_NAME = 'UltraMarket Demo';
const DEMO_STORE_SLUG = 'ultramarket-demo';
const TAB_NAMES = ['Browse', 'Cart', 'Shipping', 'Checkout', 'LiveOrderStatus', 'Pay'];
/** Records what the page's Content-Security-Policy refused, before any of the page's scripts run. */
const RECORD_CSP_VIOLATIONS = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`;

const CREATE_ZONE = `mutation ($input: CreateShippingZoneInput!) { createShippingZone(input: $input) { shippingZone { id } userErrors { code } } }`;
const CREATE_METHOD = `mutation ($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { shippingMethod { id } userErrors { code } } }`;

/** The demo store's shipping and tax, as the seed gives them: Standard 5.99 to the United States (free from 100.00), California's 7.25 %. */
async function demoShipping(gatewayUrl: string, store: Storefront): Promise<void> {
  const merchant = new GraphQLClient(gatewayUrl, { headers: { 'x-store-id': store.storeId, authorization: `Bearer ${store.merchantToken}` } });
  const zone = await merchant.request<{ createShippingZone: { shippingZone: { id: string } } }>(CREATE_ZONE, {
    input: { name: 'United States', regions: [{ countryCode: 'US' }] },
  });
  const method = await merchant.request<{ createShippingMethod: { userErrors: unknown[] } }>(CREATE_METHOD, {
    input: {
      zoneId: zone.createShippingZone.shippingZone.id,
      name: 'Standard',
      currencyCode: 'USD',
      rate: { kind: 'FLAT', amount: 599 },
      freeOverSubtotal: 10000,
    },
  });
  expect(method.createShippingMethod.userErrors).toEqual([]);
  const rule = await store.merchant.CreateTaxRule({ input: { title: 'California sales tax', countryCode: 'US', provinceCode: 'CA', rateBasisPoints: 725 } });
  expect(rule.createTaxRule.userErrors).toEqual([]);
}

interface Frame {
  type: string;
  id?: string;
  payload?: Record<string, unknown>;
}

/** One browser context on the explorer, with everything it sent over the network recorded. */
interface Explorer {
  page: Page;
  /** Every HTTP request and WebSocket the page opened. */
  urls: string[];
  /** graphql-ws messages the page sent. */
  sentFrames: Frame[];
  /** graphql-ws messages the page received. */
  receivedFrames: Frame[];
  pageErrors: string[];
  /** The page's Content-Security-Policy header. */
  policy: string | undefined;
  close(): Promise<void>;
}

function requireChromium(): void {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    throw new Error(
      `The explorer test needs Debian's Chromium at ${CHROMIUM}, which is missing. ` +
        'Install it with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium',
    );
  }
}

describe('the explorer in a browser', () => {
  const storeId = randomUUID();
  const merchantToken = signAccessToken({ sub: randomUUID(), roles: [Role.MERCHANT], storeId }, loadSigningKeys(readAuthConfig(), false), readAuthConfig());
  const title = `Explorer desk lamp ${randomUUID().slice(0, 8)}`;
  let stack: Stack;
  let browser: Browser;
  let productId: string;

  const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${merchantToken}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (!body.data || body.errors) throw new Error(`GraphQL call failed (${response.status}): ${JSON.stringify(body)}`);
    return body.data;
  };

  /** adjustStock, retried while the inventory item (made from catalog.product-created) does not exist yet. */
  const adjustStock = async (delta: number): Promise<void> => {
    const userErrors = await eventually(
      async () => {
        const { adjustStock: result } = await graphql<{ adjustStock: { userErrors: { code: string }[] } }>(
          'mutation AdjustStock($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }',
          { input: { productId, delta, reason: 'explorer test', idempotencyKey: randomUUID() } },
        );
        return result.userErrors.some((error) => error.code === 'NOT_FOUND') ? false : result.userErrors;
      },
      15_000,
      'the inventory item',
    );
    expect(userErrors).toEqual([]);
  };

  /** Opens the explorer as a person does; `headers` are then typed into its headers editor. */
  async function openExplorer(headers?: Record<string, string>): Promise<Explorer> {
    const context = await browser.newContext();
    const explorer: Explorer = {
      page: await context.newPage(),
      urls: [],
      sentFrames: [],
      receivedFrames: [],
      pageErrors: [],
      policy: undefined,
      close: () => context.close(),
    };
    const { page } = explorer;
    context.on('request', (request) => explorer.urls.push(request.url()));
    // a safety net: nothing may leave the machine even if the page tried (and it is still recorded above)
    await context.route(
      (url) => !LOOPBACK.has(url.hostname),
      (route) => route.abort('blockedbyclient'),
    );
    await context.addInitScript({ content: RECORD_CSP_VIOLATIONS });
    page.on('pageerror', (error) => explorer.pageErrors.push(error.message));
    page.on('websocket', (socket) => {
      explorer.urls.push(socket.url());
      socket.on('framesent', ({ payload }) => explorer.sentFrames.push(JSON.parse(payload.toString()) as Frame));
      socket.on('framereceived', ({ payload }) => explorer.receivedFrames.push(JSON.parse(payload.toString()) as Frame));
    });
    const response = await page.goto(stack.gatewayUrl);
    expect(response?.status()).toBe(200);
    explorer.policy = (await response?.allHeaders())?.['content-security-policy'];
    await expect(page.title()).resolves.toBe('UltraMarket explorer');
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    if (!headers) return explorer;

    // headers as a person types them; the explorer's saved copy shows GraphiQL has taken the (debounced) edit in
    await showHeaders(page);
    await typeInto(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror', JSON.stringify(headers));
    await page.waitForFunction((text) => ((globalThis as InPage).localStorage.getItem('graphiql:headers') ?? '').includes(text), Object.values(headers)[0]);
    return explorer;
  }

  async function showHeaders(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    // until React shows the headers tab, the visible editor is still the variables one
    await page.locator('.graphiql-editor-tools button.active[data-name="headers"]').waitFor();
  }

  /** The text of a CodeMirror editor (its lines, not its gutters; indentation is no-break spaces). */
  async function editorText(page: Page, editor: string): Promise<string> {
    // the editor's whole text from CodeMirror itself: its DOM holds only the lines in view, and a push with
    // its cursor and a long status history runs past the result pane's height
    const text = await page.evaluate((selector) => {
      const found = (globalThis as InPage).document.querySelector(selector);
      const wrapper = found?.classList.contains('CodeMirror') ? found : found?.querySelector('.CodeMirror');
      return (wrapper as unknown as { CodeMirror?: { getValue(): string } } | null | undefined)?.CodeMirror?.getValue() ?? null;
    }, editor);
    if (text === null) throw new Error(`no CodeMirror editor at ${editor}`);
    return text;
  }

  /** What GraphiQL's headers editor shows. */
  async function headersShown(page: Page): Promise<string> {
    await showHeaders(page);
    return editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
  }

  async function openTab(page: Page, name: string): Promise<void> {
    await page.locator('.graphiql-tab').filter({ hasText: name }).click();
    await page.locator('.graphiql-tab-active').filter({ hasText: name }).waitFor();
  }

  /**
   * Opens the Variables editor of the active tab, replaces its JSON with `change(current)` as a person would type it,
   * and waits until GraphiQL saved the tab with `saved` in it (its edits are debounced).
   */
  async function editVariables<T>(page: Page, change: (current: T) => unknown, saved: string): Promise<void> {
    const editor = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
    await page.getByRole('button', { name: 'Variables', exact: true }).click();
    const current = JSON.parse(await editorText(page, editor)) as T;
    await typeInto(page, editor, JSON.stringify(change(current)));
    await page.waitForFunction((text) => ((globalThis as InPage).localStorage.getItem('graphiql:tabState') ?? '').includes(text), saved);
  }

  /** Replaces an editor's text through the keyboard (CodeMirror's select-all, then typed text). */
  async function typeInto(page: Page, editor: string, text: string): Promise<void> {
    await page.locator(editor).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  }

  /** Types an operation and runs it with the run button once GraphiQL has parsed it (its edits are debounced). */
  async function run(page: Page, operationName: string, operation: string): Promise<void> {
    await typeInto(page, '.graphiql-query-editor .CodeMirror', operation);
    await page.waitForFunction((name) => (globalThis as InPage).localStorage.getItem('graphiql:operationName') === name, operationName);
    await page.locator('.graphiql-execute-button').click();
  }

  /** The JSON the result pane shows, once it shows `text`. */
  /**
   * The result pane's JSON once it shows `text`, without the gateway's cost report, which a query or
   * mutation must carry (a subscription's push, `pushed`, carries none).
   */
  async function resultShowing(page: Page, text: string, timeout = 10_000, pushed = false): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
    const pane = page.locator('.graphiql-response .result-window');
    await pane.filter({ hasText: text }).waitFor({ timeout });
    const shown = await editorText(page, '.graphiql-response .result-window');
    let result: { data?: Record<string, unknown>; errors?: unknown[]; extensions?: { cost?: { requestedQueryCost?: number } } };
    try {
      result = JSON.parse(shown);
    } catch {
      throw new Error(`the result pane does not show JSON: ${shown}`);
    }
    const { extensions, ...answer } = result;
    if (!pushed) expect(extensions?.cost?.requestedQueryCost).toBeGreaterThan(0);
    return answer;
  }

  /** Only local traffic, no page errors, and nothing the page's Content-Security-Policy had to refuse. */
  async function expectOnlyLocalTraffic(explorer: Explorer): Promise<void> {
    expect(explorer.urls.length).toBeGreaterThan(0);
    expect(explorer.urls.filter((url) => !isLoopback(url))).toEqual([]);
    expect(explorer.pageErrors).toEqual([]);
    expect(explorer.policy).toMatch(/script-src 'self'/);
    await expect(explorer.page.evaluate(() => (globalThis as InPage).cspViolations)).resolves.toEqual([]);
  }

  /** The explorer page's HTML as the gateway serves it now. */
  const explorerHtml = async () => (await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } })).text();

  beforeAll(async () => {
    requireChromium();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    stack = await acquireStack({ name: 'explorer' });
    const { createProduct } = await graphql<{ createProduct: { product: { id: string } } }>(
      'mutation CreateProduct($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }',
      { input: { title, price: { amount: 4900, currencyCode: 'USD' }, status: 'ACTIVE' } },
    );
    productId = createProduct.product.id;
    await adjustStock(3);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await releaseStack(stack);
  });

  it('runs a query typed in the explorer and shows the result, with the headers typed in it', async () => {
    const explorer = await openExplorer({ Authorization: `Bearer ${merchantToken}` });
    try {
      const assets = explorer.urls.filter((url) => url.includes('/explorer/')).map((url) => new URL(url).pathname);
      expect(assets).toEqual(
        expect.arrayContaining(['/explorer/graphiql.min.js', '/explorer/graphiql.min.css', '/explorer/react.production.min.js', '/explorer/explorer.js']),
      );

      // products of the merchant's store only: the Authorization header reached the gateway
      await run(explorer.page, 'ExplorerProducts', 'query ExplorerProducts {\n  products(first: 5) { totalCount nodes { id title stock } }\n}\n');
      const result = await resultShowing(explorer.page, title);
      expect(result).toEqual({ data: { products: { totalCount: 1, nodes: [{ id: productId, title, stock: 3 }] } } });
      await expectOnlyLocalTraffic(explorer);
    } finally {
      await explorer.close();
    }
  });

  it('runs a subscription from the explorer that shows a stock change made elsewhere', async () => {
    const explorer = await openExplorer({ Authorization: `Bearer ${merchantToken}` });
    try {
      await run(explorer.page, 'ExplorerStock', `subscription ExplorerStock {\n  stockChanged(productId: "${productId}") { id title stock }\n}\n`);
      await eventually(async () => explorer.sentFrames.some((frame) => frame.type === 'subscribe'), 10_000, 'the subscribe message');
      // the headers typed in the explorer travel in connection_init
      expect(explorer.sentFrames.find((frame) => frame.type === 'connection_init')?.payload).toMatchObject({ Authorization: `Bearer ${merchantToken}` });

      // the gateway says when the subscription listens (a ping): one stock change after it is pushed
      await eventually(
        async () => explorer.receivedFrames.some((frame) => frame.type === 'ping' && isListeningPing(frame.payload)),
        20_000,
        'the listening ping',
      );
      const stock = 3 + 2;
      await adjustStock(2);
      const result = await resultShowing(explorer.page, '"stockChanged"', 20_000, true);
      const event = (result.data as { stockChanged: { id: string; title: string; stock: number } }).stockChanged;
      expect(event).toMatchObject({ id: productId, title });
      expect(event.stock).toBeGreaterThan(3);
      expect(event.stock).toBeLessThanOrEqual(stock);
      expect(explorer.urls).toContain(stack.wsUrl);
      await expectOnlyLocalTraffic(explorer);
    } finally {
      await explorer.close();
    }
  });

  it('opens without a store header, saying how to name one, while the demo store does not exist', async () => {
    const explorer = await openExplorer();
    try {
      const { page } = explorer;
      await expect(page.locator('.graphiql-tab .graphiql-tab-button').allTextContents()).resolves.toEqual(TAB_NAMES);
      expect(await editorText(page, '.graphiql-query-editor')).toContain(`"${DEMO_STORE_SLUG}" does not exist`);
      expect(await headersShown(page)).not.toContain('X-Store-Id');
      await expectOnlyLocalTraffic(explorer);
    } finally {
      await explorer.close();
    }
  });

  describe('with the demo store seeded', () => {
    const demoTitle = `Explorer demo kettle ${randomUUID().slice(0, 8)}`;
    let demo: Storefront;
    let demoProductId: string;

    beforeAll(async () => {
      // made through the API as the seeder does: its slug comes from the name
      demo = await Storefront.open(stack, DEMO_STORE_NAME);
      demoProductId = await demo.product(demoTitle, 5, 3900);
      // the demo store ships to the United States (5.99, free from 100.00) and taxes California, as the seeded one does
      await demoShipping(stack.gatewayUrl, demo);
      // the gateway asks again a moment after it found no store, and fills Cart with a variant in stock
      await eventually(
        async () => {
          const html = await explorerHtml();
          return html.includes(demo.storeId) && html.includes(demoProductId);
        },
        15_000,
        'the explorer page to name the demo store and its product',
      );
    }, 60_000);

    it('runs the Browse tab as it opens, in the demo store its headers name', async () => {
      const explorer = await openExplorer();
      try {
        const { page } = explorer;
        await expect(page.locator('.graphiql-tab .graphiql-tab-button').allTextContents()).resolves.toEqual(TAB_NAMES);
        expect(JSON.parse(await headersShown(page))).toEqual({ 'X-Store-Id': demo.storeId });

        // nothing typed: the run button on the tab as it opened
        await page.locator('.graphiql-execute-button').click();
        const result = await resultShowing(page, demoTitle);
        expect(result).toEqual({
          data: {
            products: {
              totalCount: 1,
              nodes: [
                {
                  id: demoProductId,
                  title: demoTitle,
                  price: { amount: 3900, currencyCode: 'USD' },
                  stock: 5,
                  // a product without options: its one variant's id is the product's
                  variants: [{ id: demoProductId, title: 'Default', inStock: true }],
                },
              ],
            },
          },
        });
        await expectOnlyLocalTraffic(explorer);
      } finally {
        await explorer.close();
      }
    });

    it('walks a guest’s cart through shipping, checkout, live order status and payment in the tabs, in the demo store', async () => {
      const follower = await openExplorer();
      const payer = await openExplorer();
      try {
        // Cart runs as it opens (its variant is the demo store's); cart may hear of the product a moment late
        await openTab(follower.page, 'Cart');
        const cart = await eventually(
          async () => {
            await follower.page.locator('.graphiql-execute-button').click();
            const result = await resultShowing(follower.page, '"createCart"');
            const { createCart } = result.data as { createCart: { cartToken: string | null; cart: { id: string } | null; userErrors: { code: string }[] } };
            if (createCart.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE')) return false;
            expect(createCart.userErrors).toEqual([]);
            return { cartId: createCart.cart!.id, cartToken: createCart.cartToken! };
          },
          15_000,
          'the cart made in Cart',
        );

        // Shipping, with the cart's id and token put into its Variables: the rates offered and California's tax
        await openTab(follower.page, 'Shipping');
        await editVariables(follower.page, (variables: { input: Record<string, unknown> }) => ({ input: { ...variables.input, ...cart } }), cart.cartId);
        await follower.page.locator('.graphiql-execute-button').click();
        const shipped = await resultShowing(follower.page, '"availableShippingRates"');
        const { setCartAddresses } = shipped.data as {
          setCartAddresses: { cart: { availableShippingRates: { id: string; title: string; price: { amount: number } }[]; taxLines: { title: string }[] } };
        };
        expect(setCartAddresses.cart.availableShippingRates).toEqual([
          { id: expect.any(String), title: 'Standard', price: { amount: 599, currencyCode: 'USD' } },
        ]);
        expect(setCartAddresses.cart.taxLines.map((line) => line.title)).toEqual(['California sales tax']);
        const rateId = setCartAddresses.cart.availableShippingRates[0].id;

        // Checkout: the rate, the review and completeCheckout in one run; the order's total is the review's
        await openTab(follower.page, 'Checkout');
        await editVariables(follower.page, (variables: Record<string, unknown>) => ({ ...variables, ...cart, rateId }), rateId);
        await follower.page.locator('.graphiql-execute-button').click();
        const checkedOut = await resultShowing(follower.page, '"completeCheckout"', 20_000);
        const { reviewCheckout, completeCheckout } = checkedOut.data as {
          reviewCheckout: { readyToComplete: boolean; cart: { shippingTotal: { amount: number }; taxTotal: { amount: number }; total: { amount: number } } };
          completeCheckout: { orderId: string; order: { status: string; total: { amount: number } } | null; userErrors: unknown[] };
        };
        expect(reviewCheckout.readyToComplete).toBe(true);
        // 39.00 + 5.99 shipping + California's 7.25 % on both (2.83 + 0.43), as the demo store's rules say
        expect(reviewCheckout.cart).toMatchObject({ shippingTotal: { amount: 599 }, taxTotal: { amount: 326 }, total: { amount: 4825 } });
        expect(completeCheckout.userErrors).toEqual([]);
        expect(completeCheckout.order).toMatchObject({ status: 'CREATED', total: { amount: 4825 } });
        const placed = { id: completeCheckout.orderId };

        // LiveOrderStatus follows it (the order id put into Variables), with the tab's headers in connection_init
        await openTab(follower.page, 'LiveOrderStatus');
        await editVariables(follower.page, () => ({ orderId: placed.id }), placed.id);
        await follower.page.locator('.graphiql-execute-button').click();
        await eventually(async () => follower.sentFrames.some((frame) => frame.type === 'subscribe'), 10_000, 'the subscribe message');
        expect(follower.sentFrames.find((frame) => frame.type === 'connection_init')?.payload).toEqual({ 'X-Store-Id': demo.storeId });
        // the gateway says when the subscription listens: every status change after that is pushed
        await eventually(
          async () => follower.receivedFrames.some((frame) => frame.type === 'ping' && isListeningPing(frame.payload)),
          20_000,
          'the listening ping',
        );

        // Pay, in a second window, with the order id put into its Variables
        await openTab(payer.page, 'Pay');
        await editVariables(payer.page, (variables: { input: Record<string, unknown> }) => ({ input: { ...variables.input, orderId: placed.id } }), placed.id);
        await payer.page.locator('.graphiql-execute-button').click();
        const paid = await resultShowing(payer.page, '"SUCCEEDED"', 15_000);
        expect(paid.data).toMatchObject({
          processPayment: { payment: { status: 'SUCCEEDED', amount: { amount: 4825, currencyCode: 'USD' } }, userErrors: [] },
        });

        // the first window shows the order move, with the product's title from catalog
        // the pane shows each push as it comes: read it until it settles on CONFIRMED (a read can land
        // while the editor is being redrawn with the push that follows the one it waited for)
        const confirmed = async () => {
          const deadline = Date.now() + 20_000;
          let shown = await resultShowing(follower.page, '"CONFIRMED"', 20_000, true);
          while (
            (shown.data as { orderStatusChanged?: { status?: string } } | undefined)?.orderStatusChanged?.status !== 'CONFIRMED' &&
            Date.now() < deadline
          ) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            shown = await resultShowing(follower.page, '"orderStatusChanged"', 5_000, true);
          }
          return shown;
        };
        const pushed = await confirmed();
        expect(pushed.data).toMatchObject({ orderStatusChanged: { status: 'CONFIRMED', lineItems: [{ quantity: 1, product: { title: demoTitle } }] } });
        await expectOnlyLocalTraffic(follower);
        await expectOnlyLocalTraffic(payer);
      } finally {
        await follower.close();
        await payer.close();
      }
    });
  });
});
