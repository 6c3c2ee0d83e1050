import type { ValueTransformer } from 'typeorm';
/**
 * A whole number PostgreSQL returned as text (`bigint` columns, `sum(...)`, `count(...)`) as a JS
 * number, exactly: a value beyond `Number.MAX_SAFE_INTEGER` (or not a whole number) throws rather
 * than coming back rounded, since a rounded amount of money is a wrong one.
 */
export declare function safeIntegerFrom(value: string | number | bigint, what?: string): number;
/**
 * For `bigint` columns that the entity holds as a `number` (money amounts and sums, counters): pg
 * returns bigint as a string so that it loses nothing; this gives it back as a number, exactly, or
 * throws (see `safeIntegerFrom`).
 */
export declare const bigintAsNumber: ValueTransformer;
