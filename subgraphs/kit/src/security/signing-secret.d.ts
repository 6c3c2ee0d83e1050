import { type Env } from '../config/env-reader';
/**
 * The secret the gateway signs subgraph requests with and subgraphs verify them with:
 * `SUBGRAPH_SIGNING_SECRET` (at least 32 characters, e.g. `openssl rand -hex 32`), required in
 * production. Outside production, without it, one is generated once in the development key directory
 * (`JWT_KEYS_DIR`, default `<repo>/.dev-keys`) and shared by every local process, like the JWT key pair,
 * so `npm start` and the tests need no setup.
 */
export declare function loadSubgraphSigningSecret(env?: Env): string;
