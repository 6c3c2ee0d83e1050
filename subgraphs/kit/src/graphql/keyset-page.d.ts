import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection } from './connection';
/** The SQL type of a sort column, which a cursor's value must fit before it reaches SQL. */
export type KeysetColumnType = 'timestamptz' | 'integer' | 'bigint' | 'varchar';
/** How a list is ordered: a column (with its query alias) and the value of it a row's cursor carries. */
export interface KeysetSort<T> {
    column: string;
    type: KeysetColumnType;
    valueOf(row: T): string | number;
}
export interface KeysetPageOptions<T> {
    sort: KeysetSort<T>;
    descending: boolean;
    /** The tie-breaking unique uuid column and its value on a row: `<query alias>.id` and `row.id` unless given. */
    idColumn?: string;
    idOf?(row: T): string;
    limit: number;
    after?: string | null;
    /** Backward paging (`last`/`before`): the page is the `limit` rows just before this cursor (or the last `limit` rows). */
    backward?: boolean;
    before?: string | null;
    /** The COUNT is a second statement: only when the client reads totalCount. */
    countTotal: boolean;
}
/**
 * A cursor this API made for a column of `type`: anything else (a forged or stale cursor) is
 * BAD_USER_INPUT here rather than a failed cast in SQL.
 */
export declare function decodeKeysetCursor(cursor: string, type: KeysetColumnType, argument?: 'after' | 'before'): [string | number, string];
/**
 * One keyset-paginated page of `query` (already filtered): the optional COUNT of every match, then
 * `limit + 1` rows after the cursor in (sort column, id) order, as a Relay connection.
 */
export declare function keysetPage<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, options: KeysetPageOptions<T>): Promise<Connection<T>>;
/** Ordering by `<alias>.created_at`, the usual "newest first" of a list. */
export declare function byCreatedAt<T extends {
    createdAt: Date;
}>(alias: string): KeysetSort<T>;
