import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * helmet's security headers on every gateway response (HSTS, nosniff, frame and referrer policies,
 * cross-origin policies). The API answers JSON, so its content security policy allows nothing; the
 * explorer page replaces it with its own (EXPLORER_PAGE_HEADERS, written after these).
 */
export function securityHeaders(): (request: IncomingMessage, response: ServerResponse) => void {
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"] } },
  });
  return (request, response) => middleware(request, response, () => undefined);
}
