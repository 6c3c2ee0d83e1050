import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum BulkOperationKind {
  IMPORT = 'IMPORT',
  EXPORT = 'EXPORT',
}

export enum BulkOperationStatus {
  UPLOADING = 'UPLOADING',
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** Statuses a job never leaves. */
export const FINISHED_STATUSES: readonly BulkOperationStatus[] = [BulkOperationStatus.COMPLETED, BulkOperationStatus.FAILED, BulkOperationStatus.CANCELLED];

registerEnumType(BulkOperationKind, { name: 'BulkOperationKind', description: 'What a bulk operation does.' });
registerEnumType(BulkOperationStatus, {
  name: 'BulkOperationStatus',
  description:
    'Where a bulk operation is: UPLOADING (an import waiting for the rest of its file), QUEUED, RUNNING, then COMPLETED, FAILED (the file could not be read) or CANCELLED.',
});

@ObjectType({ description: 'Why one CSV row was refused.' })
export class BulkOperationRowError {
  @Field(() => Int, { description: 'Line of the CSV file (1 is the header).' })
  line: number;

  @Field(() => String, { nullable: true, description: 'The column at fault, as the header names it; null when the row as a whole is.' })
  column: string | null;

  @Field({ description: 'Stable machine-readable code (docs/errors.md).' })
  code: string;

  @Field({ description: 'Human-readable explanation.' })
  message: string;
}

/** A product CSV import or export of one store, run in the background and resumable (bulk-worker.ts). */
@ObjectType({ description: 'A product CSV import or export running in the background.' })
@Entity('bulk_operation')
export class BulkOperation {
  @Field(() => ID, { description: 'Opaque id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => BulkOperationKind, { description: 'IMPORT or EXPORT.' })
  @Column('varchar', { length: 16 })
  kind: BulkOperationKind;

  @Field({ description: 'The idempotency key it was started with (one operation per key per store).' })
  @Column('varchar', { name: 'job_key', length: 255 })
  jobKey: string;

  @Field(() => BulkOperationStatus, { description: 'Where the operation is.' })
  @Column('varchar', { length: 16 })
  status: BulkOperationStatus;

  @Field({ description: 'An import that checks and writes every product, then rolls each back: the result says what an import would do.' })
  @Column('boolean', { name: 'dry_run', default: false })
  dryRun: boolean;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Field(() => Int, { description: 'Data rows of the file (import) or variant rows written so far (export).' })
  @Column('int', { name: 'total_rows', default: 0 })
  totalRows: number;

  @Field(() => Int, { description: 'Rows handled so far.' })
  @Column('int', { name: 'processed_rows', default: 0 })
  processedRows: number;

  @Field(() => Int, { description: 'Rows whose product was written (or, dry, would be).' })
  @Column('int', { name: 'succeeded_rows', default: 0 })
  succeededRows: number;

  @Field(() => Int, { description: 'Rows refused, with their product (see errors).' })
  @Column('int', { name: 'failed_rows', default: 0 })
  failedRows: number;

  @Column('int', { name: 'total_products', default: 0 })
  totalProducts: number;

  /** How many products of the file are done: a resumed import starts after them. */
  @Column('int', { default: 0 })
  cursor: number;

  @Column('text', { nullable: true })
  input: string | null;

  @Field(() => Int, { description: 'How many parts the import’s file is sent in (1 unless startProductImport said more).' })
  @Column('int', { name: 'input_parts', default: 1 })
  inputParts: number;

  @Field(() => Int, { description: 'How many of them have arrived.' })
  @Column('int', { name: 'input_parts_received', default: 1 })
  inputPartsReceived: number;

  @Column('text', { nullable: true })
  result: string | null;

  @Field(() => String, { nullable: true, description: 'Why the operation FAILED as a whole (a file that cannot be read); null otherwise.' })
  @Column('varchar', { length: 1000, nullable: true })
  failure: string | null;

  @Column('uuid', { name: 'lease_owner', nullable: true })
  leaseOwner: string | null;

  @Column('timestamptz', { name: 'lease_expires_at', nullable: true })
  leaseExpiresAt: Date | null;

  @Field({ description: 'When it was started (UTC).' })
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it finished (UTC); null while it runs.' })
  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
