/**
 * Rate limits high enough never to refuse a suite that drives many requests from one address and a
 * few users (races, bulk imports, stock checks): the suites that take it share one pooled stack.
 */
export const UNTHROTTLED: Record<string, string> = {
  RATE_LIMIT_USER_BUCKET: '1000000000',
  RATE_LIMIT_USER_RESTORE_RATE: '1000000000',
  RATE_LIMIT_ANONYMOUS_BUCKET: '1000000000',
  RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '1000000000',
  CATALOG_BULK_POLL_INTERVAL: '100ms',
  // the races of hundreds of shoppers these suites run need the default request pool back (BASE_ENV has 4)
  DATABASE_POOL_SIZE: '10',
};
