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

/** The subgraphs the supergraph is composed of, with their local development ports. */
export const SUBGRAPHS = [
  { name: 'accounts', port: 4001 },
  { name: 'stores', port: 4002 },
  { name: 'catalog', port: 4003 },
  { name: 'inventory', port: 4004 },
  { name: 'orders', port: 4006 },
  { name: 'payments', port: 4007 },
  { name: 'customers', port: 4008 },
  { name: 'notifications', port: 4009 },
] as const;

export interface GatewayConfig {
  kit: KitConfig;
  /** `file` serves the committed supergraph; `introspect` composes from running subgraphs (development). */
  supergraphSource: 'file' | 'introspect';
  supergraphPath: string;
  /** Where each subgraph is reached: `<NAME>_URL`, else the URL in the supergraph (or localhost:<port> when introspecting). */
  subgraphUrls: Record<string, string | undefined>;
  subgraphConnections: number;
  /** Signs every subgraph request (SUBGRAPH_SIGNING_SECRET; generated in the dev key directory outside production). */
  subgraphSigningSecret: string;
  /** Proxies in front of the gateway whose X-Forwarded-For names the client (GATEWAY_TRUSTED_PROXIES); none by default. */
  trustedProxies: TrustedProxies;
  corsOrigins: string[];
  maxQueryDepth: number;
  explorer: boolean;
  /**
   * The store the explorer's tabs act in (their `X-Store-Id`): `EXPLORER_STORE_ID`, else the store with
   * the slug `EXPLORER_STORE_SLUG` (the demo store outside production), else none.
   */
  explorerStore: { id: string | null; slug: string | null };
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
    subgraphSigningSecret: loadSubgraphSigningSecret(env),
    trustedProxies: parseTrustedProxies(read.optionalString('GATEWAY_TRUSTED_PROXIES')),
    corsOrigins: read
      .string('CORS_ORIGINS', kit.isProduction ? '' : '*')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    maxQueryDepth: read.int('MAX_QUERY_DEPTH', 12, { min: 2, max: 100 }),
    explorer: read.bool('EXPLORER', true),
    explorerStore: readExplorerStore(read, kit.isProduction),
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
