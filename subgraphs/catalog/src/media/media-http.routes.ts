import type { IncomingMessage, ServerResponse } from 'node:http';
import { inScope, type HttpRoute, type SubgraphRuntime } from '@ultramarket/kit';
import { parseMediaKey } from './media-key';
import { MediaStatus } from './media-status';
import type { MediaServices } from './media-services';
import { verifyUploadToken } from './storage/upload-token';

/** Catalog's media routes for the local adapter; the gateway serves them publicly as `/media/uploads/<token>` and `/media/<key>`. */
export const MEDIA_UPLOAD_ROUTE = '/media/upload';
export const MEDIA_OBJECT_ROUTE = '/media/object';

/** Headers on every served object: the checked type only, nothing a browser may sniff, run or frame. */
export function servedMediaHeaders(contentType: string, size: number): Record<string, string> {
  return {
    'content-type': contentType,
    'content-length': String(size),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'content-disposition': 'inline',
    // a key names one upload for ever (never overwritten), so a day's caching is safe; a deleted image stops being served within it
    'cache-control': 'public, max-age=86400',
    // storefronts on their own domains show these images
    'cross-origin-resource-policy': 'cross-origin',
  };
}

function send(response: ServerResponse, status: number, error: string, extra: Record<string, string> = {}): void {
  // a refused upload's body is not read: the connection closes instead of waiting for it
  response.writeHead(status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', connection: 'close', ...extra });
  response.end(JSON.stringify({ error }));
}

async function mediaRow(runtime: SubgraphRuntime, key: string): Promise<{ status: MediaStatus; contentType: string | null } | null> {
  const parsed = parseMediaKey(key)!;
  const rows: { status: MediaStatus; content_type: string | null }[] = await inScope(runtime.dataSource, parsed.storeId, (manager) =>
    manager.query(`SELECT status, content_type FROM product_media WHERE id = $1 AND store_id = $2 AND storage_key = $3`, [parsed.mediaId, parsed.storeId, key]),
  );
  return rows[0] ? { status: rows[0].status, contentType: rows[0].content_type } : null;
}

/**
 * `PUT /media/upload?token=…`: stores the body for the token's key when the token is ours and
 * unexpired, its media item still waits for an upload, the Content-Type is the declared one and the
 * body is no larger than declared (streamed with that cap). A key is written once: a second PUT with
 * the same token is refused (409), as is one after the item was completed or refused.
 */
export function mediaUploadRoute(media: MediaServices): HttpRoute {
  return async (request: IncomingMessage, response: ServerResponse, runtime: SubgraphRuntime) => {
    const storage = media.localStorage;
    if (!storage) return send(response, 404, 'not found');
    if (request.method !== 'PUT') return send(response, 405, 'method not allowed', { allow: 'PUT' });
    const token = new URL(request.url ?? '/', 'http://catalog').searchParams.get('token') ?? '';
    const checked = verifyUploadToken(token, media.config.local!.signingSecret);
    if (!checked.ok) return checked.reason === 'EXPIRED' ? send(response, 410, 'upload URL expired') : send(response, 403, 'invalid upload URL');
    const { grant } = checked;
    if (!parseMediaKey(grant.key)) return send(response, 403, 'invalid upload URL');
    if ((request.headers['content-type'] ?? '').toLowerCase() !== grant.contentType) return send(response, 415, `Content-Type must be ${grant.contentType}`);
    const declaredLength = Number(request.headers['content-length']);
    if (Number.isFinite(declaredLength) && declaredLength > grant.maxBytes) return send(response, 413, `at most ${grant.maxBytes} bytes`);
    const row = await mediaRow(runtime, grant.key);
    if (!row) return send(response, 404, 'no media item waits for this upload');
    if (row.status !== MediaStatus.PENDING) return send(response, 409, 'upload URL already used');
    const outcome = await storage.writeUpload(grant.key, request, grant.maxBytes);
    if (outcome === 'TOO_LARGE') return send(response, 413, `at most ${grant.maxBytes} bytes`);
    if (outcome === 'ALREADY_USED') return send(response, 409, 'upload URL already used');
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ stored: true }));
  };
}

/**
 * `GET /media/object?key=<storeId>/<mediaId>`: a READY object's bytes with the type checked at
 * completion (never the upload's declared type, never sniffed); anything else is 404.
 */
export function mediaObjectRoute(media: MediaServices): HttpRoute {
  return async (request: IncomingMessage, response: ServerResponse, runtime: SubgraphRuntime) => {
    const storage = media.localStorage;
    if (!storage) return send(response, 404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'method not allowed', { allow: 'GET, HEAD' });
    const key = new URL(request.url ?? '/', 'http://catalog').searchParams.get('key') ?? '';
    if (!parseMediaKey(key)) return send(response, 404, 'not found');
    const row = await mediaRow(runtime, key);
    if (!row || row.status !== MediaStatus.READY || !row.contentType) return send(response, 404, 'not found');
    const file = await storage.openForServing(key);
    if (!file) return send(response, 404, 'not found');
    response.writeHead(200, servedMediaHeaders(row.contentType, file.size));
    if (request.method === 'HEAD') {
      file.stream.destroy();
      response.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      file.stream.on('error', reject);
      response.on('close', resolve);
      file.stream.pipe(response);
    });
  };
}
