import type { DataSource } from 'typeorm';
import type { KitConfig } from '../config/kit-config';
/**
 * The role the application connects as: it may read and write rows, and nothing else. It owns no
 * table and is neither superuser nor BYPASSRLS, so row-level security applies to every statement it
 * sends. The owner (DATABASE_USER) creates it when missing and runs the migrations.
 */
export declare function ensureAppRole(owner: DataSource, database: KitConfig['database']): Promise<void>;
/** Lets the application role use what the migrations created: rows and sequences, no DDL. */
export declare function grantToAppRole(owner: DataSource, database: KitConfig['database']): Promise<void>;
