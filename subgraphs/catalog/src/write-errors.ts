import { UserError } from '@ultramarket/kit';

const UNIQUE_VIOLATION = '23505';

/** Whether a failed statement broke a unique index (a handle another row already took). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { driverError?: { code?: string }; code?: string }).driverError?.code === UNIQUE_VIOLATION ||
    (error as { code?: string }).code === UNIQUE_VIOLATION
  );
}

/** The userErrors the category and collection mutations share with the product ones (docs/errors.md). */
export const WriteErrors = {
  storeRequired: (what: string) => UserError.of('STORE_REQUIRED', `Act for a store (a store token or X-Store-Id) to change its ${what}`),
  notFound: (what: string, field: string[]) => UserError.of('NOT_FOUND', `No such ${what} in your store`, field),
  handleTaken: (what: string, handle: string, field: string[]) =>
    UserError.of('HANDLE_TAKEN', `Another ${what} of this store already uses the handle "${handle}"`, field),
};
