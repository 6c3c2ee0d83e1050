import { traceOf, type SubgraphContext } from '@ultramarket/kit';

/** Postgres' unique_violation: a name another zone or method of the store already has. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  return code === '23505';
}

/** The store a merchant or staff member acts for, or null (a platform admin must name one). */
export function storeOfCaller(context: SubgraphContext): string | null {
  return context.caller.storeId ?? null;
}

export { traceOf };
