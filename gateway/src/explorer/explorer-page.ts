import { createHash } from 'node:crypto';
import { isUuid } from '@ultramarket/kit';
import type { ExplorerStore } from './explorer-store';
import { explorerTabs } from './explorer-tabs';

/** The page's one inline style, allowed by its hash (the Dockerfile ships no stylesheet of ours). */
const PAGE_STYLE = 'html, body, #explorer { height: 100%; margin: 0; }';
const PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;

/**
 * The explorer page's policy: its own scripts only (no inline script, no CDN), its own styles and
 * the one inline style by hash, GraphiQL's fonts as data: URLs, fetch and graphql-ws back to this
 * origin (`'self'` covers ws:/wss: on the same host, CSP 3), and no framing.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${PAGE_STYLE_HASH}`,
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The response headers of the explorer page: the policy, and no caching (each page carries new idempotency keys). */
export const EXPLORER_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': EXPLORER_CONTENT_SECURITY_POLICY,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * JSON that is safe inside `<script type="application/json">`: no `<` (so no `</script>` or `<!--`),
 * `>` or `&`, and no U+2028/U+2029; JSON.parse reads the escapes back.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The explorer page for `store`. Its settings (the tabs and their headers) travel as a JSON data
 * block that explorer.js reads, never as script the browser runs, so the policy needs no inline script.
 */
export function explorerPage(store: ExplorerStore): string {
  // ids come from a subgraph's answer or the configuration: only UUIDs reach the page
  const safeStore: ExplorerStore = {
    slug: store.slug,
    storeId: isUuid(store.storeId) ? store.storeId : null,
    variantId: isUuid(store.storeId) && isUuid(store.variantId) ? store.variantId : null,
  };
  const settings = { storeId: safeStore.storeId, ...explorerTabs(safeStore) };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>UltraMarket explorer</title>
    <link rel="stylesheet" href="/explorer/graphiql.min.css" />
    <style>${PAGE_STYLE}</style>
  </head>
  <body>
    <div id="explorer">Loading the UltraMarket explorer…</div>
    <script type="application/json" id="explorer-settings">${jsonForScriptElement(settings)}</script>
    <script src="/explorer/react.production.min.js"></script>
    <script src="/explorer/react-dom.production.min.js"></script>
    <script src="/explorer/graphiql.min.js"></script>
    <script src="/explorer/explorer.js"></script>
  </body>
</html>
`;
}
