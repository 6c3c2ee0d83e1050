import type { MigrationInterface, QueryRunner } from 'typeorm';
/**
 * The policy function every tenant-owned table uses: a row is visible when the transaction's
 * `app.store_id` is its store (or `*`). When the transaction set no store the function raises,
 * so a query that forgot its scope fails instead of returning rows.
 */
export declare class KitRowLevelSecurity1763769600001 implements MigrationInterface {
    name: string;
    up(runner: QueryRunner): Promise<void>;
    down(runner: QueryRunner): Promise<void>;
}
/**
 * Row-level security on a tenant-owned table (its `store_id` column): forced, so even the table's
 * owner obeys it, for reads (USING) and writes (WITH CHECK). For subgraph migrations.
 */
export declare function isolateByStore(runner: QueryRunner, table: string): Promise<void>;
export declare function stopIsolatingByStore(runner: QueryRunner, table: string): Promise<void>;
