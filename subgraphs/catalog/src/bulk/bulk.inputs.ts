import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';

/** The largest CSV text startProductImport takes: a 10 000-row Shopify file is about 2 MB. */
export const MAX_IMPORT_CSV_CHARS = 16 * 1024 * 1024;

@InputType({ description: 'A product CSV (Shopify columns, docs/bulk-import.md) to import into the caller’s store.' })
export class StartProductImportInput {
  @Length(1, 255)
  @Field({ description: 'Idempotency key: starting again with the same key answers the same operation instead of importing twice.' })
  jobKey: string;

  @MaxLength(MAX_IMPORT_CSV_CHARS)
  @Field({ description: 'The CSV text, header row first (at most 16 MiB).' })
  csv: string;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currencyCode must be a three-letter ISO 4217 code' })
  @Field({ nullable: true, description: 'Currency of the file’s prices (default USD); prices are decimal amounts in it, two decimals.' })
  currencyCode?: string;

  @IsOptional()
  @Field({ nullable: true, description: 'Check and write every product, then roll each back: errors and outcomes without any change.' })
  dryRun?: boolean;
}

@InputType({ description: 'Exports the caller’s store’s products as a Shopify product CSV.' })
export class StartProductExportInput {
  @Length(1, 255)
  @Field({ description: 'Idempotency key: starting again with the same key answers the same operation.' })
  jobKey: string;
}

@InputType({ description: 'Stops a queued or running bulk operation; products already imported stay.' })
export class CancelBulkOperationInput {
  @IsUUID()
  @Field(() => ID, { description: 'The operation to stop.' })
  id: string;
}
