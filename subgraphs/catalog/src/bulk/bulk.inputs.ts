import { Field, ID, InputType, Int } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';

/**
 * The largest CSV part one request carries. Requests are capped at 1 MiB (gateway and subgraphs alike),
 * so a larger file (a 10 000-row Shopify export with all its columns is 1–2 MB) comes in parts: startProductImport with
 * `parts`, then appendProductImportPart for the rest, leaving every other operation's cap as it is.
 */
export const MAX_IMPORT_PART_CHARS = 900 * 1024;
export const MAX_IMPORT_PARTS = 100;

@InputType({ description: 'A product CSV (Shopify columns, docs/bulk-import.md) to import into the caller’s store.' })
export class StartProductImportInput {
  @Length(1, 255)
  @Field({ description: 'Idempotency key: starting again with the same key answers the same operation instead of importing twice.' })
  jobKey: string;

  @MaxLength(MAX_IMPORT_PART_CHARS)
  @Field({ description: 'The CSV text, header row first; or its first part, when `parts` is more than 1 (each part at most 900 KiB).' })
  csv: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_IMPORT_PARTS)
  @Field(() => Int, { nullable: true, description: 'How many parts the file is sent in (default 1, at most 100); the rest come by appendProductImportPart.' })
  parts?: number;

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

@InputType({ description: 'The next part of an UPLOADING import’s file; parts are joined as they come, in order.' })
export class AppendProductImportPartInput {
  @IsUUID()
  @Field(() => ID, { description: 'The import.' })
  id: string;

  @IsInt()
  @Min(1)
  @Max(MAX_IMPORT_PARTS - 1)
  @Field(() => Int, { description: 'The part’s index: 1 for the second part, and so on. A part sent again changes nothing.' })
  index: number;

  @MaxLength(MAX_IMPORT_PART_CHARS)
  @Field({ description: 'The part’s text, cut anywhere (even inside a row), at most 900 KiB.' })
  csv: string;
}
