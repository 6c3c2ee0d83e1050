import { UserError } from '@ultramarket/kit';

const UNIQUE_VIOLATION = '23505';

/** The expected failures of store mutations, as userErrors. */
export const StoreErrors = {
  notFound: () => UserError.of('NOT_FOUND', 'No such store', ['input', 'storeId']),
  closed: () => UserError.of('STORE_CLOSED', 'This store is closed for good: it can no longer be changed', ['input', 'storeId']),
  unavailable: () =>
    UserError.of('STORE_UNAVAILABLE', 'This store is suspended by the platform: its staff can read it but not change it', ['input', 'storeId']),
  domainTaken: (domain: string, field: string[] = ['input', 'customDomain']) =>
    UserError.of('DOMAIN_TAKEN', `Another store already uses the domain "${domain}"`, field),
  domainNotAllowed: (platformDomain: string) =>
    UserError.of('DOMAIN_NOT_ALLOWED', `Custom domains cannot be under ${platformDomain}: every store already has one there`, ['input', 'customDomain']),
  invalidTransition: (from: string, to: string) => UserError.of('INVALID_STATUS_TRANSITION', `A store cannot go from ${from} to ${to}`, ['input', 'status']),
};

/** Whether a failed statement broke the named unique index. */
export function violatesUniqueIndex(error: unknown, index: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === UNIQUE_VIOLATION && driverError.constraint === index;
}

/** Whether a custom domain would shadow the platform's own host names. */
export function underPlatformDomain(customDomain: string, platformDomain: string): boolean {
  const host = customDomain.toLowerCase();
  return host === platformDomain || host.endsWith(`.${platformDomain}`);
}
