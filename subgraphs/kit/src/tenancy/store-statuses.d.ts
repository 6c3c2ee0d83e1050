import type { DataSource } from 'typeorm';
import type { EventHandler } from '../events/consumer-runner';
import { type EventSource } from '../events/live-events';
import { StoreStatus } from './store-status';
/**
 * A subgraph's view of every store's status, from the stores subgraph's events.
 *
 * - `store_status` (the database copy) is written by durable consumers (`followers`): one replica
 *   handles each event.
 * - Every replica also follows the same events live (`follow`: an ordered consumer per subject, so
 *   each replica sees every event) and applies them to its in-process copy at once. A store's entry
 *   is read from the database once and then moved only by newer events, so a status change reaches
 *   every replica within milliseconds and a lookup costs no SQL after the first.
 * - Without a live feed (not started, or stopped) a database read is trusted for two seconds.
 *
 * A store this subgraph has not heard of yet (its `stores.created` still on the way) counts as ACTIVE.
 */
export declare class StoreStatuses {
    private readonly dataSource;
    /** Store ids with neither a row nor an event (not created yet, or made up) remembered at most. */
    private readonly maxUnknown;
    private readonly known;
    private readonly unknown;
    private feeds;
    private live;
    constructor(dataSource: DataSource, 
    /** Store ids with neither a row nor an event (not created yet, or made up) remembered at most. */
    maxUnknown?: number);
    of(storeId: string): Promise<StoreStatus>;
    /** Made-up store ids must not fill the memory: past `maxUnknown` of them, they are all forgotten. */
    private rememberUnknown;
    /**
     * Follows every status event live, from the start of the stores stream (older states are in the
     * database), until `stop`. Resolves once the consumers are listening.
     */
    follow(source: EventSource): Promise<() => Promise<void>>;
    /** The consumers that keep `store_status` current; their names start with the subgraph's. */
    followers(service: string): EventHandler[];
    private merge;
    private stopFollowing;
}
