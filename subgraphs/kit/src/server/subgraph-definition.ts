import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import type { AppAccess } from '../apps/app-access';
import type { EventHandler } from '../events/consumer-runner';
import type { SubgraphRuntime } from './subgraph-runtime';

/**
 * A plain HTTP endpoint served next to /graphql (e.g. a payment provider's webhook). It reads the
 * request itself (raw body included) and writes the whole response; no caller context is built for it.
 */
export type HttpRoute = (request: IncomingMessage, response: ServerResponse, runtime: SubgraphRuntime) => Promise<void>;

/** What a subgraph declares; everything else (server, data, events, auth) comes from the kit. */
export interface SubgraphDefinition {
  /** Also the database suffix: `ultramarket_<name>`. */
  name: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Domains whose streams this subgraph publishes into (usually its own). */
  publishes: string[];
  consumers?: EventHandler<never>[];
  /** Keep a copy of every store's status (`store_status`) from the stores subgraph's events. */
  followsStoreStatus?: boolean;
  schema(): Promise<GraphQLSchema>;
  /**
   * Runs once the runtime is up and before the subgraph takes requests or starts its jobs (e.g. to
   * bind services that need Redis or the signing keys); may return a stop function.
   */
  onStart?(runtime: SubgraphRuntime): Promise<(() => Promise<void>) | void> | (() => Promise<void>) | void;
  /** Background jobs (e.g. expiring reservations), handed the runtime of the background pool; each returns its stop function. */
  jobs?: ((runtime: SubgraphRuntime) => () => Promise<void>)[];
  /** What apps (API keys) may use here, by scope; absent: nothing (docs/apps-and-api-keys.md). */
  appAccess?: AppAccess;
  /** Extra HTTP endpoints by exact path, e.g. `{ '/webhooks/stripe': handler }`; any method reaches the handler. */
  httpRoutes?: Record<string, HttpRoute>;
}
