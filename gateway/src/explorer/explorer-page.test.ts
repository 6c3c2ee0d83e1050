import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getVariableValues, parse, validate, type OperationDefinitionNode } from 'graphql';
import { EXPLORER_CONTENT_SECURITY_POLICY, explorerPage, jsonForScriptElement } from './explorer-page';
import { explorerTabs } from './explorer-tabs';

const apiSchema = buildSchema(readFileSync(path.resolve(__dirname, '../../../schema/api.graphql'), 'utf8'));
const STORE_ID = '0b7e4f3a-5c1d-4e2f-9a8b-7c6d5e4f3a2b';
const VARIANT_ID = '1c8f5a4b-6d2e-4f3a-8b9c-8d7e6f5a4b3c';

/** The settings the page hands to explorer.js. */
function settingsOf(html: string): { storeId: string | null; headers: string; tabs: { query: string; variables?: string; headers?: string }[] } {
  const block = /<script type="application\/json" id="explorer-settings">([^<]*)<\/script>/.exec(html);
  if (!block) throw new Error('no settings block');
  return JSON.parse(block[1]);
}

describe('the explorer page', () => {
  it('opens with tabs whose operations and variables are valid against the API schema', () => {
    const { tabs } = explorerTabs({ slug: 'ultramarket-demo', storeId: STORE_ID, variantId: VARIANT_ID });
    expect(tabs.map((tab) => (parse(tab.query).definitions[0] as OperationDefinitionNode).name?.value)).toEqual([
      'Browse',
      'Cart',
      'Shipping',
      'Checkout',
      'LiveOrderStatus',
      'Pay',
    ]);
    for (const tab of tabs) {
      const document = parse(tab.query);
      expect(validate(apiSchema, document)).toEqual([]);
      const operation = document.definitions[0] as OperationDefinitionNode;
      const coerced = getVariableValues(apiSchema, operation.variableDefinitions ?? [], tab.variables ? JSON.parse(tab.variables) : {});
      expect(coerced.errors ?? []).toEqual([]);
      expect(JSON.parse(tab.headers!)).toEqual({ 'X-Store-Id': STORE_ID });
    }
    expect(JSON.parse(tabs[1].variables!).input.lines).toEqual([{ variantId: VARIANT_ID, quantity: 1 }]);
  });

  it('gives every page new idempotency keys, so a first run places a new order', () => {
    const keys = () => JSON.parse(explorerTabs({ slug: null, storeId: STORE_ID, variantId: VARIANT_ID }).tabs[3].variables!).idempotencyKey;
    expect(keys()).not.toEqual(keys());
  });

  it('opens without headers, saying how to name a store, when the store does not exist', () => {
    const settings = settingsOf(explorerPage({ slug: 'ultramarket-demo', storeId: null, variantId: null }));
    expect(settings.storeId).toBeNull();
    expect(settings.headers).toBe('');
    expect(settings.tabs.every((tab) => tab.headers === '')).toBe(true);
    expect(settings.tabs[0].query).toContain('"ultramarket-demo" does not exist');
  });

  it('puts only UUIDs into the page', () => {
    const settings = settingsOf(explorerPage({ slug: null, storeId: '"><script>alert(1)</script>', variantId: VARIANT_ID }));
    expect(settings.storeId).toBeNull();
    expect(JSON.parse(settings.tabs[1].variables!).input.lines[0].variantId).not.toBe(VARIANT_ID);
  });

  it('escapes what could end the data block or start markup', () => {
    const text = '</script><script>alert(1)</script><!-- & \u2028';
    const encoded = jsonForScriptElement({ text });
    expect(encoded).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(encoded)).toEqual({ text });
  });

  it('runs no inline script: the policy allows scripts from the gateway only', () => {
    const html = explorerPage({ slug: null, storeId: STORE_ID, variantId: null });
    expect(EXPLORER_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(EXPLORER_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    for (const [, attributes, body] of scripts)
      expect(attributes.includes('src="/explorer/') || (attributes.includes('type="application/json"') && body.length > 0)).toBe(true);
  });
});
