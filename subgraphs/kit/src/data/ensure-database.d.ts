import type { KitConfig } from '../config/kit-config';
/** Creates the subgraph's database when it does not exist yet (first start, fresh test suite). */
export declare function ensureDatabase(database: KitConfig['database']): Promise<void>;
/** Drops a database (tests only: each suite starts from nothing and cleans up after itself). */
export declare function dropDatabase(database: KitConfig['database']): Promise<void>;
