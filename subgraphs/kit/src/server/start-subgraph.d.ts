import type { Env } from '../config/env-reader';
import type { SubgraphDefinition } from './subgraph-definition';
import type { SubgraphRuntime } from './subgraph-runtime';
export interface RunningSubgraph {
    url: string;
    port: number;
    runtime: SubgraphRuntime;
    stop(): Promise<void>;
}
/**
 * Starts a subgraph: database and migrations, NATS streams, outbox relay, consumers, and Apollo
 * Server on node:http with /graphql (only requests the gateway signed), /health, /ready, /metrics and
 * the definition's `httpRoutes` (no signature: JWKS, provider webhooks with their own).
 * `stop()` shuts down gracefully: no new requests, in-flight ones finish, consumers stop, NATS
 * drains, the database closes.
 */
export declare function startSubgraph(definition: SubgraphDefinition, env?: Env): Promise<RunningSubgraph>;
