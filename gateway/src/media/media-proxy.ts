import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isUuid, sendJson } from '@ultramarket/kit';

/** Public media paths: `PUT /media/uploads/<token>` (a signed upload) and `GET /media/<storeId>/<mediaId>` (a stored image). */
export const MEDIA_PREFIX = '/media/';
const UPLOADS_PREFIX = '/media/uploads/';
const TOKEN = /^[A-Za-z0-9_-]{1,4096}\.[A-Za-z0-9_-]{43}$/;

/** Response headers passed back from catalog; everything else (its server, its connection) stays behind. */
const PASSED_BACK = [
  'content-type',
  'content-length',
  'cache-control',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
  'cross-origin-resource-policy',
  'allow',
] as const;

/** Where catalog takes each public media request, or null for a path that names nothing (a key that is not two generated ids). */
export function catalogMediaPath(path: string): string | null {
  if (path.startsWith(UPLOADS_PREFIX)) {
    const token = path.slice(UPLOADS_PREFIX.length);
    return TOKEN.test(token) ? `/media/upload?token=${token}` : null;
  }
  const key = path.slice(MEDIA_PREFIX.length);
  const [storeId, mediaId, ...rest] = key.split('/');
  if (rest.length > 0 || !isUuid(storeId) || !isUuid(mediaId) || key !== key.toLowerCase()) return null;
  return `/media/object?key=${storeId}/${mediaId}`;
}

/**
 * The gateway is the one public entry, so it serves the local media adapter's routes by proxying
 * them to catalog, which owns the storage (catalog/src/media/media-http.routes.ts). Bodies are
 * streamed both ways, never buffered: catalog enforces the upload token's size cap as the bytes
 * arrive. Only PUT (uploads) and GET/HEAD (images) are passed; the key is checked here too.
 */
export function mediaProxy(catalogUrl: () => string | null) {
  return async function proxyMedia(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const isUpload = path.startsWith(UPLOADS_PREFIX);
    const allowed = isUpload ? ['PUT'] : ['GET', 'HEAD'];
    if (!allowed.includes(request.method ?? '')) {
      response.setHeader('allow', allowed.join(', '));
      return sendJson(response, 405, { error: 'method not allowed' });
    }
    const target = catalogMediaPath(path);
    const base = catalogUrl();
    if (!target || !base) return sendJson(response, 404, { error: 'not found' });
    const url = new URL(target, base);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-length', 'x-request-id']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    await new Promise<void>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const upstream = send(url, { method: request.method, headers }, (answer) => {
        for (const name of PASSED_BACK) {
          const value = answer.headers[name];
          if (value !== undefined) response.setHeader(name, value);
        }
        response.writeHead(answer.statusCode ?? 502);
        answer.pipe(response);
        answer.on('end', resolve);
        answer.on('error', reject);
      });
      upstream.on('error', (error) => {
        if (!response.headersSent) sendJson(response, 502, { error: 'media service unavailable' });
        else response.destroy(error);
        resolve();
      });
      // catalog may answer (413, 409, …) before the body is through: stop sending then
      response.on('close', () => upstream.destroy());
      if (isUpload) request.pipe(upstream);
      else upstream.end();
    });
  };
}
