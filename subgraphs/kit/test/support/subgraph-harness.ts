import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { connect } from 'nats';
import { readAuthConfig } from '../../src/config/kit-config';
import { loadSigningKeys } from '../../src/caller/signing-keys';
import { signAccessToken } from '../../src/caller/access-token';
import type { Role } from '../../src/caller/role';
import { dropDatabase } from '../../src/data/ensure-database';
import { startSubgraph, type RunningSubgraph } from '../../src/server/start-subgraph';
import type { SubgraphDefinition } from '../../src/server/subgraph-definition';
import { uniqueSuiteName } from './test-names';
import { signedFetch } from './signed-fetch';

export interface TestSubgraph extends RunningSubgraph {
  suite: string;
  /** A client that returns `{ data, errors }` instead of throwing on GraphQL errors; it signs as the gateway does. */
  client(token?: string, headers?: Record<string, string>): GraphQLClient;
  close(): Promise<void>;
}

/** Starts a subgraph in this process on a free port, with its own database and event namespace. */
export async function startTestSubgraph(definition: SubgraphDefinition, env: Record<string, string> = {}): Promise<TestSubgraph> {
  const suite = uniqueSuiteName(definition.name);
  const running = await startSubgraph(definition, {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_NAME: `ultramarket_test_${suite}`,
    EVENT_NAMESPACE: suite,
    OUTBOX_POLL_MS: '200',
    ...env,
  });
  return {
    ...running,
    suite,
    client(token?: string, headers: Record<string, string> = {}) {
      return new GraphQLClient(running.url, {
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        errorPolicy: 'all',
        fetch: signedFetch,
      });
    },
    async close() {
      const { names, config } = running.runtime;
      await running.stop();
      const cleanup = await connect({ servers: config.natsUrl });
      const jsm = await cleanup.jetstreamManager();
      const ours: string[] = [];
      for await (const stream of jsm.streams.names()) if (stream.startsWith(names.stream(''))) ours.push(stream);
      for (const stream of ours) await jsm.streams.delete(stream).catch(() => undefined);
      await cleanup.close();
      await dropDatabase(config.database);
    },
  };
}

/**
 * A development access token signed with the local key pair, as `npm run token` makes. `stores`
 * lists the user's memberships (X-Store-Id switches between them); by default the one `roles` and
 * `storeId` imply.
 */
export function tokenFor(roles: Role[], storeId: string | null, userId: string = randomUUID(), stores?: Record<string, Role>): string {
  const auth = readAuthConfig();
  return signAccessToken({ sub: userId, roles, storeId, stores }, loadSigningKeys(auth, false), auth);
}
