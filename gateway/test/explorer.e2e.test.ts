import { randomUUID } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadSigningKeys, readAuthConfig, Role, signAccessToken } from '@ultramarket/kit';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';

/**
 * The offline explorer (GET /graphql with Accept: text/html) in Debian's Chromium, driven the way a
 * person uses it: headers typed in GraphiQL's headers editor, an operation typed in the query
 * editor, the run button, and the result pane read back. Playwright never downloads a browser here.
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
type InPage = typeof globalThis & { localStorage: { getItem(key: string): string | null } };

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
  pageErrors: string[];
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

  async function openExplorer(): Promise<Explorer> {
    const context = await browser.newContext();
    const explorer: Explorer = { page: await context.newPage(), urls: [], sentFrames: [], pageErrors: [], close: () => context.close() };
    const { page } = explorer;
    context.on('request', (request) => explorer.urls.push(request.url()));
    // a safety net: nothing may leave the machine even if the page tried (and it is still recorded above)
    await context.route(
      (url) => !LOOPBACK.has(url.hostname),
      (route) => route.abort('blockedbyclient'),
    );
    page.on('pageerror', (error) => explorer.pageErrors.push(error.message));
    page.on('websocket', (socket) => {
      explorer.urls.push(socket.url());
      socket.on('framesent', ({ payload }) => explorer.sentFrames.push(JSON.parse(payload.toString()) as Frame));
    });
    const response = await page.goto(stack.gatewayUrl);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('UltraMarket explorer');

    // headers as a person types them; the explorer's saved copy shows GraphiQL has taken the (debounced) edit in
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    // until React shows the headers tab, the visible editor is still the variables one
    await page.locator('.graphiql-editor-tools button.active[data-name="headers"]').waitFor();
    await typeInto(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror', JSON.stringify({ Authorization: `Bearer ${merchantToken}` }));
    await page.waitForFunction((token) => ((globalThis as InPage).localStorage.getItem('graphiql:headers') ?? '').includes(token), merchantToken);
    return explorer;
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
  async function resultShowing(page: Page, text: string, timeout = 10_000): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
    const pane = page.locator('.graphiql-response .result-window');
    await pane.filter({ hasText: text }).waitFor({ timeout });
    // the editor's lines only (not its gutters); CodeMirror renders indentation as no-break spaces
    const shown = (await pane.locator('.CodeMirror-line').allTextContents()).join('\n').replace(/\u00a0/g, ' ');
    try {
      return JSON.parse(shown);
    } catch {
      throw new Error(`the result pane does not show JSON: ${shown}`);
    }
  }

  function expectOnlyLocalTraffic(explorer: Explorer): void {
    expect(explorer.urls.length).toBeGreaterThan(0);
    expect(explorer.urls.filter((url) => !isLoopback(url))).toEqual([]);
    expect(explorer.pageErrors).toEqual([]);
  }

  beforeAll(async () => {
    requireChromium();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    stack = await startStack({ namespace: uniqueSuiteName('explorer') });
    const { createProduct } = await graphql<{ createProduct: { product: { id: string } } }>(
      'mutation CreateProduct($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }',
      { input: { title, price: { amount: 4900, currencyCode: 'USD' }, status: 'ACTIVE' } },
    );
    productId = createProduct.product.id;
    await adjustStock(3);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  it('runs a query typed in the explorer and shows the result, with the headers typed in it', async () => {
    const explorer = await openExplorer();
    try {
      const assets = explorer.urls.filter((url) => url.includes('/explorer/')).map((url) => new URL(url).pathname);
      expect(assets).toEqual(
        expect.arrayContaining(['/explorer/graphiql.min.js', '/explorer/graphiql.min.css', '/explorer/react.production.min.js', '/explorer/explorer.js']),
      );

      // products of the merchant's store only: the Authorization header reached the gateway
      await run(explorer.page, 'ExplorerProducts', 'query ExplorerProducts {\n  products(first: 5) { totalCount nodes { id title stock } }\n}\n');
      const result = await resultShowing(explorer.page, title);
      expect(result).toEqual({ data: { products: { totalCount: 1, nodes: [{ id: productId, title, stock: 3 }] } } });
      expectOnlyLocalTraffic(explorer);
    } finally {
      await explorer.close();
    }
  });

  it('runs a subscription from the explorer that shows a stock change made elsewhere', async () => {
    const explorer = await openExplorer();
    try {
      await run(explorer.page, 'ExplorerStock', `subscription ExplorerStock {\n  stockChanged(productId: "${productId}") { id title stock }\n}\n`);
      await eventually(async () => explorer.sentFrames.some((frame) => frame.type === 'subscribe'), 10_000, 'the subscribe message');
      // the headers typed in the explorer travel in connection_init
      expect(explorer.sentFrames.find((frame) => frame.type === 'connection_init')?.payload).toMatchObject({ Authorization: `Bearer ${merchantToken}` });

      // graphql-ws has no "subscribed" acknowledgement: change the stock until the pane shows an event
      let stock = 3;
      const result = await eventually(
        async () => {
          stock += 2;
          await adjustStock(2);
          return resultShowing(explorer.page, '"stockChanged"', 3_000).catch(() => false as const);
        },
        20_000,
        'a stockChanged event in the result pane',
      );
      const event = (result.data as { stockChanged: { id: string; title: string; stock: number } }).stockChanged;
      expect(event).toMatchObject({ id: productId, title });
      expect(event.stock).toBeGreaterThan(3);
      expect(event.stock).toBeLessThanOrEqual(stock);
      expect(explorer.urls).toContain(stack.wsUrl);
      expectOnlyLocalTraffic(explorer);
    } finally {
      await explorer.close();
    }
  });
});
