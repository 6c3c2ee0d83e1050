import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { BulkOperation } from './bulk-operation.entity';

@ObjectType({ description: 'Result of a bulk operation mutation.' })
export class BulkOperationPayload {
  @Field(() => BulkOperation, { nullable: true, description: 'The operation as it now is; null when the mutation was refused.' })
  bulkOperation: BulkOperation | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(bulkOperation: BulkOperation): BulkOperationPayload {
    return Object.assign(new this(), { bulkOperation, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): BulkOperationPayload {
    return Object.assign(new this(), { bulkOperation: null, userErrors });
  }
}

@ObjectType({ description: 'Result of startProductImport.' })
export class StartProductImportPayload extends BulkOperationPayload {}

@ObjectType({ description: 'Result of startProductExport.' })
export class StartProductExportPayload extends BulkOperationPayload {}

@ObjectType({ description: 'Result of cancelBulkOperation.' })
export class CancelBulkOperationPayload extends BulkOperationPayload {}

@ObjectType({ description: 'Result of appendProductImportPart.' })
export class AppendProductImportPartPayload extends BulkOperationPayload {}
