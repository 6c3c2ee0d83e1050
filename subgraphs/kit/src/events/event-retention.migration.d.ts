import type { MigrationInterface, QueryRunner } from 'typeorm';
/**
 * Indexes the pruner deletes by (`EventPruner`): published outbox rows by publication time, handled
 * events by handling time. Without them every prune would scan both tables whole.
 */
export declare class KitEventRetention1763769600003 implements MigrationInterface {
    name: string;
    up(runner: QueryRunner): Promise<void>;
    down(runner: QueryRunner): Promise<void>;
}
