/** A fresh name per suite for databases and event namespaces, so suites never see each other. */
export declare function uniqueSuiteName(prefix: string): string;
/** Polls until `probe` returns a value that is not undefined/null/false, or fails after `timeoutMs`. */
export declare function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs?: number, what?: string): Promise<T>;
