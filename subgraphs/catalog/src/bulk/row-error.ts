/** Why one CSV row (or the product it belongs to) was refused: its 1-based line, the column at fault (if one is), a code from docs/errors.md. */
export interface RowError {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export const rowError = (line: number, column: string | null, code: string, message: string): RowError => ({ line, column, code, message });
