import type { MigrationInterface, QueryRunner } from 'typeorm';
/**
 * The kit's own tables in every subgraph database: the transactional outbox and the record of
 * events each consumer has handled. Plain SQL, because the kit reads them with plain SQL.
 */
export declare class KitEventTables1763769600000 implements MigrationInterface {
    name: string;
    up(runner: QueryRunner): Promise<void>;
    down(runner: QueryRunner): Promise<void>;
}
export declare const kitMigrations: Function[];
