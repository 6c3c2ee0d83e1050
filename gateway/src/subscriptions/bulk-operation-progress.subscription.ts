import { AppScope } from '@ultramarket/kit';
import type { SubscriptionField } from './subscription-field';

/** What catalog.bulk-operation-progress carries (subgraphs/catalog/src/bulk/bulk.events.ts). */
interface Progress {
  kind: string;
  status: string;
  totalRows: number;
  processedRows: number;
  succeededRows: number;
  failedRows: number;
}

const countsOf = (data: Progress) => ({
  status: data.status,
  totalRows: data.totalRows,
  processedRows: data.processedRows,
  succeededRows: data.succeededRows,
  failedRows: data.failedRows,
});

/**
 * `bulkOperationProgress(id)`: only its store's staff may read an import or export, so only they may
 * follow it; catalog decides, through the subscribe-time probe of `bulkOperation(id)`.
 */
export const bulkOperationProgress: SubscriptionField = {
  field: 'bulkOperationProgress',
  appScope: AppScope.read_products,
  eventType: 'catalog.bulk-operation-progress',
  matches: (event, args) => event.aggregateId === args.id,
  authorize: () => undefined,
  entityQuery: { field: 'bulkOperation', idArgument: 'id', idType: 'ID!' },
  entityIdOf: (event) => event.aggregateId,
  probeArgument: 'id',
  // pushes a few milliseconds apart would otherwise show the latest counters twice: each shows its own
  eventFields: (event) => countsOf(event.data as unknown as Progress),
  // `{ id status …Rows }` is answered from the event itself
  eventEntity: (event) => {
    const data = event.data as unknown as Progress;
    return { __typename: 'BulkOperation', id: event.aggregateId, kind: data.kind, ...countsOf(data) };
  },
};
