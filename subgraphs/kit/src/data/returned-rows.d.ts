import type { EntityManager } from 'typeorm';
/**
 * The rows a statement with RETURNING gave back. TypeORM's postgres driver answers an UPDATE or DELETE
 * with `[rows, count]` and anything else with the rows.
 */
export declare function returnedRows<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]>;
