import DataLoader from 'dataloader';
/**
 * Per-request DataLoaders, created on first use and gone with the request, so every field resolver
 * and `resolveReference` that reads the database is batched and never caches across callers.
 */
export declare class LoaderRegistry {
    private readonly loaders;
    get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V>;
}
/** Orders rows to match the keys a DataLoader asked for; missing keys get `null`. */
export declare function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[];
