import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { BulkOperation, BulkOperationRowError, BulkOperationStatus } from './bulk-operation.entity';
import { AppendProductImportPartInput, CancelBulkOperationInput, StartProductExportInput, StartProductImportInput } from './bulk.inputs';
import { AppendProductImportPartPayload, CancelBulkOperationPayload, StartProductExportPayload, StartProductImportPayload } from './bulk.payloads';
import { appendProductImportPart, cancelBulkOperation, startProductExport, startProductImport } from './bulk-commands';
import { findBulkOperation, listBulkOperations, rowErrorsOf } from './bulk-queries';

export const BulkOperationConnection = connectionTypes(BulkOperation, 'BulkOperation');

const MAX_ERRORS_PAGE = 1000;

/** Product CSV import and export for store staff (docs/bulk-import.md). */
@Resolver(() => BulkOperation)
export class BulkOperationResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => BulkOperation, { nullable: true, description: "A bulk operation of the caller's store; null when there is none with this id." })
  bulkOperation(@Arg('id', () => ID, { description: 'Operation id.' }) id: string, @Ctx() context: SubgraphContext): Promise<BulkOperation | null> {
    return findBulkOperation(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => BulkOperationConnection, { description: "The caller's store's bulk operations, newest first." })
  bulkOperations(@Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listBulkOperations(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => StartProductImportPayload, {
    description: 'Queues an import of a Shopify product CSV into the caller’s store; the same jobKey again answers the same operation.',
  })
  startProductImport(@Arg('input', { description: 'The file and its job key.' }) input: StartProductImportInput, @Ctx() context: SubgraphContext) {
    return startProductImport(context, StartProductImportPayload, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => AppendProductImportPartPayload, {
    description: 'Sends the next part of a file startProductImport announced in several parts; the last part queues the import.',
  })
  appendProductImportPart(@Arg('input', { description: 'The part.' }) input: AppendProductImportPartInput, @Ctx() context: SubgraphContext) {
    return appendProductImportPart(context, AppendProductImportPartPayload, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => StartProductExportPayload, { description: 'Queues an export of the caller’s store’s products as a Shopify product CSV (resultCsv).' })
  startProductExport(@Arg('input', { description: 'The job key.' }) input: StartProductExportInput, @Ctx() context: SubgraphContext) {
    return startProductExport(context, StartProductExportPayload, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CancelBulkOperationPayload, { description: 'Stops a queued or running bulk operation; what it already imported stays.' })
  cancelBulkOperation(@Arg('input', { description: 'The operation.' }) input: CancelBulkOperationInput, @Ctx() context: SubgraphContext) {
    return cancelBulkOperation(context, CancelBulkOperationPayload, input);
  }

  /** Served by the gateway from `catalog.bulk-operation-progress`; declared here because catalog owns BulkOperation. */
  @Subscription(() => BulkOperation, {
    description: 'Pushes the operation as it progresses (a few times a second at most) and once when it ends; its store’s staff only.',
    subscribe: () => {
      throw new Error('bulkOperationProgress is served by the gateway');
    },
  })
  bulkOperationProgress(@Arg('id', () => ID, { description: 'The operation to follow.' }) _id: string): BulkOperation {
    throw new Error('bulkOperationProgress is served by the gateway');
  }

  // priced by `first` like a connection (its default, 100, when left out)
  @Directive('@listSize(assumedSize: 100, slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @FieldResolver(() => [BulkOperationRowError], { description: 'Rows refused, in file order, with line, column and code.' })
  errors(
    @Root() operation: BulkOperation,
    @Arg('first', () => Int, { defaultValue: 100, description: 'At most this many (up to 1000).' }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<BulkOperationRowError[]> {
    return rowErrorsOf(context, operation, Math.max(0, Math.min(first, MAX_ERRORS_PAGE)));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The result file once COMPLETED: an export’s product CSV, or an import’s outcome per product (Line, Handle, Outcome, Product Id).',
  })
  resultCsv(@Root() operation: BulkOperation): string | null {
    return operation.status === BulkOperationStatus.COMPLETED ? operation.result : null;
  }
}
