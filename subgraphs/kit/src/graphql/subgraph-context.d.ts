import type { DataSource } from 'typeorm';
import type { Caller } from '../caller/caller';
import type { LoaderRegistry } from '../data/loader-registry';
import type { Trace } from '../events/event-envelope';
import type { UnitOfWork } from '../events/unit-of-work';
import type { Logger } from '../logging/logger';
import type { StoreDb } from '../tenancy/store-db';
import type { StoreStatuses } from '../tenancy/store-statuses';
/** Per request: who calls, its tracing ids, its loaders, and the database it may touch. */
export interface SubgraphContext {
    caller: Caller;
    requestId: string;
    correlationId: string;
    logger: Logger;
    loaders: LoaderRegistry;
    /** The raw database, for tables that belong to no store (accounts' users, the outbox). */
    db: DataSource;
    /** Reads of tenant-owned tables, each a transaction scoped to the caller's store. */
    storeDb: StoreDb;
    /** Transactions that write (and record events), scoped to the caller's store. */
    unitOfWork: UnitOfWork;
    /** Every store's status, as this subgraph last heard it (for subgraphs that follow it). */
    storeStatuses: StoreStatuses;
    /** Where the request came from: the client address the gateway signed (X-Client-Address, null on its own requests) and the User-Agent. */
    origin: RequestOrigin;
}
export interface RequestOrigin {
    ipAddress: string | null;
    userAgent: string | null;
}
/** The trace that events emitted by this request carry. */
export declare function traceOf(context: SubgraphContext): Trace;
