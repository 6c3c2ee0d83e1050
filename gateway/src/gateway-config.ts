import path from 'node:path';
import { envReader, loadKitConfig, type Env, type KitConfig } from '@ultramarket/kit';

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
  corsOrigins: string[];
  maxQueryDepth: number;
  explorer: boolean;
}

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
    corsOrigins: read
      .string('CORS_ORIGINS', kit.isProduction ? '' : '*')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    maxQueryDepth: read.int('MAX_QUERY_DEPTH', 12, { min: 2, max: 100 }),
    explorer: read.bool('EXPLORER', true),
  };
}
