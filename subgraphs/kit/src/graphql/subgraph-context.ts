import type { DataSource } from 'typeorm';
import type { Caller } from '../caller/caller';
import type { LoaderRegistry } from '../data/loader-registry';
import type { Trace } from '../events/event-envelope';
import type { UnitOfWork } from '../events/unit-of-work';
import type { Logger } from '../logging/logger';

/** Per request: who calls, its tracing ids, its loaders, and the database it may touch. */
export interface SubgraphContext {
  caller: Caller;
  requestId: string;
  correlationId: string;
  logger: Logger;
  loaders: LoaderRegistry;
  db: DataSource;
  unitOfWork: UnitOfWork;
  /** Where the request came from: the first X-Forwarded-For hop (set by the gateway) or the socket, and its User-Agent. */
  origin: RequestOrigin;
}

export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}

/** The trace that events emitted by this request carry. */
export function traceOf(context: SubgraphContext): Trace {
  return { correlationId: context.correlationId, causationId: context.requestId };
}
