import type { GraphQLSchema } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import type { EventHandler } from '../events/consumer-runner';
import type { SubgraphRuntime } from './subgraph-runtime';

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
  schema(): Promise<GraphQLSchema>;
  /** Background jobs (e.g. expiring reservations); each returns its stop function. */
  jobs?: ((runtime: SubgraphRuntime) => () => Promise<void>)[];
}
