import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from '../errors/graphql-errors';
import { decodeCursor, encodeCursor, toConnection, type Connection } from './connection';
import { isUuid } from './ids';

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

const fitsType: Record<KeysetColumnType, (value: unknown) => boolean> = {
  timestamptz: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  integer: (value) => Number.isSafeInteger(value) && Math.abs(value as number) <= 2_147_483_647,
  // money amounts and sums: served as SafeInt, so a cursor holds a safe integer
  bigint: (value) => Number.isSafeInteger(value),
  varchar: (value) => typeof value === 'string',
};

/**
 * A cursor this API made for a column of `type`: anything else (a forged or stale cursor) is
 * BAD_USER_INPUT here rather than a failed cast in SQL.
 */
export function decodeKeysetCursor(cursor: string, type: KeysetColumnType, argument: 'after' | 'before' = 'after'): [string | number, string] {
  const [value, id] = decodeCursor(cursor, argument);
  if (!isUuid(id) || !fitsType[type](value)) {
    throw badUserInput(`${argument} is not a valid cursor`, [{ field: [argument], message: 'is not a cursor returned by this API' }]);
  }
  return [value, id];
}

/**
 * One keyset-paginated page of `query` (already filtered): the optional COUNT of every match, then
 * `limit + 1` rows after the cursor in (sort column, id) order, as a Relay connection.
 */
export async function keysetPage<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, options: KeysetPageOptions<T>): Promise<Connection<T>> {
  const { sort, limit } = options;
  const backward = options.backward ?? false;
  const idColumn = options.idColumn ?? `${query.alias}.id`;
  const idOf = options.idOf ?? ((row: T): string => row.id as string);
  const given = backward ? options.before : options.after;
  const cursor = given ? decodeKeysetCursor(given, sort.type, backward ? 'before' : 'after') : null;
  const totalCount = options.countTotal ? await query.clone().getCount() : 0;
  // a backward page is read from its cursor toward the start of the list, then turned round
  const scanDescending = options.descending !== backward;
  const direction = scanDescending ? 'DESC' : 'ASC';
  if (cursor) {
    const comparison = scanDescending ? '<' : '>';
    query.andWhere(`(${sort.column}, ${idColumn}) ${comparison} (CAST(:keysetValue AS ${sort.type}), CAST(:keysetId AS uuid))`, {
      keysetValue: cursor[0],
      keysetId: cursor[1],
    });
  }
  const rows = await query
    .orderBy(sort.column, direction)
    .addOrderBy(idColumn, direction)
    .limit(limit + 1)
    .getMany();
  const cursorOf = (row: T) => encodeCursor(sort.valueOf(row), idOf(row));
  if (!backward) return toConnection(rows, limit, totalCount, cursor !== null, cursorOf);
  const page = toConnection(rows.slice(0, limit).reverse(), limit, totalCount, rows.length > limit, cursorOf);
  page.pageInfo.hasNextPage = cursor !== null;
  return page;
}

/** Ordering by `<alias>.created_at`, the usual "newest first" of a list. */
export function byCreatedAt<T extends { createdAt: Date }>(alias: string): KeysetSort<T> {
  return { column: `${alias}.created_at`, type: 'timestamptz', valueOf: (row) => row.createdAt.toISOString() };
}
