"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StoreStatuses = void 0;
const live_events_1 = require("../events/live-events");
const store_scope_1 = require("./store-scope");
const store_status_1 = require("./store-status");
/** How long a status read from the database is trusted while no live feed keeps it current. */
const UNFOLLOWED_CACHE_MS = 2000;
const STATUS_EVENTS = ['stores.created', 'stores.status-changed'];
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
class StoreStatuses {
    constructor(dataSource, 
    /** Store ids with neither a row nor an event (not created yet, or made up) remembered at most. */
    maxUnknown = 10_000) {
        this.dataSource = dataSource;
        this.maxUnknown = maxUnknown;
        this.known = new Map();
        this.unknown = new Set();
        this.feeds = [];
        this.live = false;
    }
    async of(storeId) {
        const entry = this.known.get(storeId);
        if (entry?.checkedAt != null && (this.live || entry.checkedAt + UNFOLLOWED_CACHE_MS > Date.now()))
            return entry.status;
        const rows = await (0, store_scope_1.inScope)(this.dataSource, storeId, (manager) => manager.query('SELECT status, version FROM store_status WHERE store_id = $1', [storeId]));
        const stored = rows.length > 0 && (0, store_status_1.isStoreStatus)(rows[0].status) ? { status: rows[0].status, version: rows[0].version } : null;
        if (!stored && !this.known.has(storeId))
            this.rememberUnknown(storeId);
        // an event heard while the read was on its way may be newer than what the read found
        const merged = this.merge(storeId, stored?.status ?? store_status_1.StoreStatus.ACTIVE, stored?.version ?? 0);
        merged.checkedAt = Date.now();
        return merged.status;
    }
    /** Made-up store ids must not fill the memory: past `maxUnknown` of them, they are all forgotten. */
    rememberUnknown(storeId) {
        if (this.unknown.size >= this.maxUnknown) {
            for (const id of this.unknown)
                this.known.delete(id);
            this.unknown.clear();
        }
        this.unknown.add(storeId);
    }
    /**
     * Follows every status event live, from the start of the stores stream (older states are in the
     * database), until `stop`. Resolves once the consumers are listening.
     */
    async follow(source) {
        for (const eventType of STATUS_EVENTS) {
            const feed = await (0, live_events_1.followEvents)(source, eventType, (event) => this.merge(event.aggregateId, statusOf(event), event.aggregateVersion), {
                // whatever ends a feed, lookups fall back to short-lived database reads
                onEnd: () => (this.live = false),
            });
            this.feeds.push(feed);
        }
        this.live = true;
        return () => this.stopFollowing();
    }
    /** The consumers that keep `store_status` current; their names start with the subgraph's. */
    followers(service) {
        const follow = (name, eventType) => ({
            name: `${service}-${name}`,
            eventType,
            handle: async (event, tx) => {
                const status = statusOf(event);
                await tx.manager.query(`INSERT INTO store_status (store_id, status, version, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (store_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
             WHERE store_status.version < EXCLUDED.version`, [event.aggregateId, status, event.aggregateVersion, event.occurredAt]);
                this.merge(event.aggregateId, status, event.aggregateVersion);
            },
        });
        return [follow('store-created', 'stores.created'), follow('store-status', 'stores.status-changed')];
    }
    merge(storeId, status, version) {
        if (version > 0)
            this.unknown.delete(storeId);
        const entry = this.known.get(storeId);
        if (!entry) {
            const added = { status, version, checkedAt: null };
            this.known.set(storeId, added);
            return added;
        }
        if (version > entry.version)
            Object.assign(entry, { status, version });
        return entry;
    }
    async stopFollowing() {
        this.live = false;
        const feeds = this.feeds;
        this.feeds = [];
        await Promise.all(feeds.map((feed) => feed.stop()));
    }
}
exports.StoreStatuses = StoreStatuses;
function statusOf(event) {
    const status = event.data.status;
    if (!(0, store_status_1.isStoreStatus)(status))
        throw new Error(`${event.type} ${event.id} carries no status`);
    return status;
}
//# sourceMappingURL=store-statuses.js.map