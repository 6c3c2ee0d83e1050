import type { MigrationInterface, QueryRunner } from 'typeorm';
/** Each subgraph's copy of every store's status, kept from `stores.created` and `stores.status-changed`. */
export declare class KitStoreStatus1763769600002 implements MigrationInterface {
    name: string;
    up(runner: QueryRunner): Promise<void>;
    down(runner: QueryRunner): Promise<void>;
}
