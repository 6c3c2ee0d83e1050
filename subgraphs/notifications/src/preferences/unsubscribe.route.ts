import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, inScope, readRawBody, type HttpRoute } from '@ultramarket/kit';
import { recordOptOut } from './email-opt-outs';
import type { UnsubscribeTokens } from './unsubscribe-token';

function page(response: ServerResponse, status: number, title: string, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`);
}

const tokenOf = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';

/**
 * `/notifications/unsubscribe?token=…`, the link in marketing emails. POST (the mail client's one-click request of
 * RFC 8058, body `List-Unsubscribe=One-Click`, or the button on the page) records the opt-out in the token's store and
 * answers 200; a repeat changes nothing. GET only shows a page with that button, so a link scanner that follows links
 * unsubscribes nobody. A token that is not genuine answers 400 and records nothing.
 */
export function unsubscribeRoute(tokens: UnsubscribeTokens): HttpRoute {
  return async (request, response, runtime) => {
    const claim = tokens.verify(tokenOf(request));
    if (!claim) return page(response, 400, 'Invalid unsubscribe link', '<p>This link is not valid. Nothing was changed.</p>');
    if (request.method === 'GET' || request.method === 'HEAD') {
      const action = `?token=${encodeURIComponent(tokenOf(request))}`.replace(/"/g, '&quot;');
      return page(
        response,
        200,
        'Unsubscribe',
        `<p>Stop receiving marketing emails from this store at this address?</p><form method="post" action="${action}"><button type="submit">Unsubscribe</button></form>`,
      );
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'GET, POST');
      return page(response, 405, 'Method not allowed', '');
    }
    try {
      await readRawBody(request, 4096);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return page(response, 413, 'Too large', '');
      throw error;
    }
    await inScope(runtime.dataSource, claim.storeId, (manager) => recordOptOut(manager, claim.storeId, claim.address, claim.category));
    runtime.logger.info({ storeId: claim.storeId, category: claim.category }, 'an address unsubscribed');
    page(response, 200, 'Unsubscribed', '<p>You will receive no more of these emails from this store.</p>');
  };
}
