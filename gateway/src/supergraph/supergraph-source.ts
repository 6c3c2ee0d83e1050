import { readFileSync } from 'node:fs';
import { IntrospectAndCompose, type SupergraphManager } from '@apollo/gateway';
import type { GatewayConfig } from '../gateway-config';
import { SUBGRAPHS } from '../gateway-config';

/** Production serves the committed, reviewed supergraph; development may compose from running subgraphs. */
export function supergraphSource(config: GatewayConfig): string | SupergraphManager {
  if (config.supergraphSource === 'introspect') {
    return new IntrospectAndCompose({
      subgraphs: SUBGRAPHS.map(({ name, port }) => ({ name, url: config.subgraphUrls[name] ?? `http://127.0.0.1:${port}/graphql` })),
      pollIntervalInMs: 10_000,
    });
  }
  try {
    return readFileSync(config.supergraphPath, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the supergraph at ${config.supergraphPath} (SUPERGRAPH_PATH): ${(error as Error).message}; run npm run schema`);
  }
}
