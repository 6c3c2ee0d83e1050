import path from 'node:path';
import {
  ConfigError,
  envReader,
  isUuid,
  loadKitConfig,
  loadSubgraphSigningSecret,
  parseTrustedProxies,
  type Env,
  type EnvReader,
  type KitConfig,
  type TrustedProxies,
} from '@ultramarket/kit';
import type { OperationLimits } from './limits/operation-limits';
import { readRateLimitConfig, type RateLimitConfig } from './rate-limits/rate-limit-config';
import { readWebSocketLimits, type WebSocketLimits } from './subscriptions/websocket-limits';
import { readResponseCacheConfig, type ResponseCacheConfig } from './response-cache/response-cache-config';

/** The subgraphs the supergraph is composed of, with their local development ports. */
export const SUBGRAPHS = [
  { name: 'accounts', port: 4001 },
  { name: 'stores', port: 4002 },
  { name: 'catalog', port: 4003 },
  { name: 'inventory', port: 4004 },
  { name: 'cart', port: 4005 },
  { name: 'orders', port: 4006 },
  { name: 'payments', port: 4007 },
  { name: 'customers', port: 4008 },
  { name: 'notifications', port: 4009 },
  { name: 'shipping', port: 4010 },
  { name: 'apps', port: 4012 },
  { name: 'analytics', port: 4011 },
  { name: 'reviews', port: 4013 },
] as const;

export interface GatewayConfig {
  kit: KitConfig;
  /** `file` serves the committed supergraph; `introspect` composes from running subgraphs (development). */
  supergraphSource: 'file' | 'introspect';
  supergraphPath: string;
  /** Where each subgraph is reached: `<NAME>_URL`, else the URL in the supergraph (or localhost:<port> when introspecting). */
  subgraphUrls: Record<string, string | undefined>;
  subgraphConnections: number;
  /** Identical queries in flight to a subgraph share one fetch (GATEWAY_DEDUPLICATE_FETCHES, on unless `false`); never for event-driven executions. */
  deduplicateFetches: boolean;
  /** Signs every subgraph request (SUBGRAPH_SIGNING_SECRET; generated in the dev key directory outside production). */
  subgraphSigningSecret: string;
  /** Proxies in front of the gateway whose X-Forwarded-For names the client (GATEWAY_TRUSTED_PROXIES); none by default. */
  trustedProxies: TrustedProxies;
  corsOrigins: string[];
  /** Bounds on every operation, HTTP and WebSocket alike (gateway/src/limits). */
  limits: OperationLimits;
  /** `__schema`/`__type` answered: GRAPHQL_INTROSPECTION, off in production unless enabled. */
  introspection: boolean;
  /** "Did you mean …?" in validation errors: GRAPHQL_FIELD_SUGGESTIONS, off in production unless enabled. */
  fieldSuggestions: boolean;
  /** The explorer page at GET /graphql: EXPLORER, off in production unless enabled. */
  explorer: boolean;
  /**
   * The store the explorer's tabs act in (their `X-Store-Id`): `EXPLORER_STORE_ID`, else the store with
   * the slug `EXPLORER_STORE_SLUG` (the demo store outside production), else none.
   */
  explorerStore: { id: string | null; slug: string | null };
  /** Query-cost budgets per user and per client address, and persisted-query registrations. */
  rateLimits: RateLimitConfig;
  webSocketLimits: WebSocketLimits;
  /** The response cache for public reads (RESPONSE_CACHE_*: gateway/src/response-cache). */
  responseCache: ResponseCacheConfig;
  /** How long the gateways share an API key's verification in Redis (API_KEY_CACHE_SECONDS); revocations apply at once regardless. */
  apiKeyCacheSeconds: number;
  /** Serve /metrics (subscription and WebSocket counters); off in production unless asked for. */
  metrics: boolean;
}

/** The slug the stores subgraph gives the demo store (`slugify('UltraMarket Demo')`, see scripts/lib/seed-data.js). */
export const DEMO_STORE_SLUG = 'ultramarket-demo';
/** A store slug as the stores subgraph makes them: a DNS label of lowercase letters, digits and dashes. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const read = envReader(env);
  const kit = loadKitConfig('gateway', 4000, env);
  return {
    kit,
    supergraphSource: read.oneOf('SUPERGRAPH_SOURCE', ['file', 'introspect'] as const, 'file'),
    supergraphPath: read.string('SUPERGRAPH_PATH', path.resolve(__dirname, '../../schema/supergraph.graphql')),
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.map(({ name }) => {
        const variable = `${name.toUpperCase()}_URL`;
        return [name, read.optionalString(variable) && read.url(variable, '', ['http', 'https'])];
      }),
    ),
    subgraphConnections: read.int('SUBGRAPH_CONNECTIONS', 64, { min: 1, max: 1024 }),
    deduplicateFetches: read.bool('GATEWAY_DEDUPLICATE_FETCHES', true),
    subgraphSigningSecret: loadSubgraphSigningSecret(env),
    trustedProxies: parseTrustedProxies(read.optionalString('GATEWAY_TRUSTED_PROXIES')),
    corsOrigins: read
      .string('CORS_ORIGINS', kit.isProduction ? '' : '*')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    limits: readOperationLimits(read),
    introspection: read.bool('GRAPHQL_INTROSPECTION', !kit.isProduction),
    fieldSuggestions: read.bool('GRAPHQL_FIELD_SUGGESTIONS', !kit.isProduction),
    explorer: read.bool('EXPLORER', !kit.isProduction),
    explorerStore: readExplorerStore(read, kit.isProduction),
    rateLimits: readRateLimitConfig(read, kit.isProduction),
    webSocketLimits: readWebSocketLimits(read),
    responseCache: readResponseCacheConfig(read),
    apiKeyCacheSeconds: read.int('API_KEY_CACHE_SECONDS', 60, { min: 1, max: 3600 }),
    metrics: read.bool('GATEWAY_METRICS', !kit.isProduction),
  };
}

/**
 * Sized for real storefront and admin operations: every one under schema/operations stays under half
 * of each (gateway/src/limits/operation-limits.test.ts). The cost limit is Shopify's single-query cap
 * (1000 points): a full admin page of 100 products with their stock costs about 300.
 */
function readOperationLimits(read: EnvReader): OperationLimits {
  return {
    maxDepth: read.int('MAX_QUERY_DEPTH', 12, { min: 2, max: 100 }),
    maxAliases: read.int('MAX_QUERY_ALIASES', 30, { min: 0, max: 1000 }),
    maxTokens: read.int('MAX_QUERY_TOKENS', 1000, { min: 100, max: 100_000 }),
    maxDirectives: read.int('MAX_QUERY_DIRECTIVES', 20, { min: 0, max: 1000 }),
    maxCost: read.int('MAX_QUERY_COST', 1000, { min: 1, max: 1_000_000 }),
    defaultListSize: read.int('QUERY_COST_DEFAULT_LIST_SIZE', 10, { min: 1, max: 1000 }),
  };
}

function readExplorerStore(read: EnvReader, isProduction: boolean): GatewayConfig['explorerStore'] {
  const id = read.optionalString('EXPLORER_STORE_ID')?.toLowerCase() ?? null;
  if (id !== null && !isUuid(id)) throw new ConfigError('EXPLORER_STORE_ID', `must be a store id (a UUID), got "${id}"`);
  const slug = (read.optionalString('EXPLORER_STORE_SLUG') ?? (isProduction ? null : DEMO_STORE_SLUG))?.toLowerCase() ?? null;
  if (slug !== null && !SLUG.test(slug))
    throw new ConfigError('EXPLORER_STORE_SLUG', `must be a store slug (lowercase letters, digits and dashes), got "${slug}"`);
  return { id, slug };
}
