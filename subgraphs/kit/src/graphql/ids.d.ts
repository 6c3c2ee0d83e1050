/**
 * Whether a value is a UUID: every id this platform makes is one, so anything else names nothing and
 * is answered as not found before it reaches SQL (where a uuid cast would fail).
 */
export declare function isUuid(value: unknown): value is string;
