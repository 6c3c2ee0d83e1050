import { byCreatedAt, isUuid, keysetPage, managesStore, pageSize, toConnection, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { BulkOperation, BulkOperationRowError } from './bulk-operation.entity';

/** Bulk operations are the store staff's: anyone else (another store's staff, shoppers) finds none. */
function staffStore(context: SubgraphContext): string | null {
  const storeId = context.caller.storeId;
  return storeId && managesStore(context.caller, storeId) ? storeId : null;
}

export async function findBulkOperation(context: SubgraphContext, id: string): Promise<BulkOperation | null> {
  const storeId = staffStore(context);
  if (!storeId || !isUuid(id)) return null;
  return context.storeDb.read((manager) => manager.getRepository(BulkOperation).findOneBy({ id, storeId }));
}

export async function listBulkOperations(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<BulkOperation>> {
  const storeId = staffStore(context);
  const limit = pageSize(args.first);
  if (!storeId) return toConnection<BulkOperation>([], limit, 0, Boolean(args.after), () => '');
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(BulkOperation).createQueryBuilder('b').where('b.store_id = :storeId', { storeId });
    return keysetPage(query, { sort: byCreatedAt('b'), descending: true, limit, after: args.after, countTotal });
  });
}

/** The operation's row errors in file order, at most `first`. */
export async function rowErrorsOf(context: SubgraphContext, operation: BulkOperation, first: number): Promise<BulkOperationRowError[]> {
  const rows: { line: number; column_name: string | null; code: string; message: string }[] = await context.storeDb.read((manager) =>
    manager.query(`SELECT line, column_name, code, message FROM bulk_operation_error WHERE operation_id = $1 ORDER BY line, seq LIMIT $2`, [
      operation.id,
      first,
    ]),
  );
  return rows.map((row) => Object.assign(new BulkOperationRowError(), { line: row.line, column: row.column_name, code: row.code, message: row.message }));
}
