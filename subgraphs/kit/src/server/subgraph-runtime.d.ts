import type { NatsConnection, JetStreamClient, JetStreamManager } from 'nats';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Registry } from 'prom-client';
import type { KitConfig } from '../config/kit-config';
import type { Env } from '../config/env-reader';
import type { SigningKeys } from '../caller/signing-keys';
import type { EventNames } from '../events/event-names';
import type { OutboxRelay } from '../events/outbox-relay';
import type { UnitOfWork } from '../events/unit-of-work';
import type { Logger } from '../logging/logger';
import type { StoreStatuses } from '../tenancy/store-statuses';
/** The process-wide parts a running subgraph is made of. */
export interface SubgraphRuntime {
    config: KitConfig;
    /** The environment the subgraph was started with (jobs read their own settings from it). */
    env: Env;
    logger: Logger;
    registry: Registry;
    dataSource: DataSource;
    redis: Redis;
    nats: NatsConnection;
    js: JetStreamClient;
    jsm: JetStreamManager;
    names: EventNames;
    relay: OutboxRelay;
    /** Unscoped: background work names its store with `forScope` before touching tenant-owned tables. */
    unitOfWork: UnitOfWork;
    /**
     * The same on the capped background pool (BACKGROUND_POOL_SIZE), which consumers, the outbox relay
     * and pruning use; jobs are handed a runtime whose `dataSource` and `unitOfWork` are these.
     */
    background: {
        dataSource: DataSource;
        unitOfWork: UnitOfWork;
    };
    storeStatuses: StoreStatuses;
    keys: SigningKeys;
}
