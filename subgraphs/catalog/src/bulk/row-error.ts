import type { UserError } from '@ultramarket/kit';

/** Why one CSV row (or the product it belongs to) was refused: its 1-based line, the column at fault (if one is), a code from docs/errors.md. */
export interface RowError {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

/** A refusal (a UserError, as a mutation would answer it) placed at its line and column of the file. */
export const rowError = (line: number, column: string | null, error: UserError): RowError => ({ line, column, code: error.code, message: error.message });
