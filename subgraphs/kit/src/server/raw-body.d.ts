import type { IncomingMessage } from 'node:http';
export declare class BodyTooLargeError extends Error {
}
/** The request body as received: signatures are computed over these exact bytes, never over re-serialized JSON. */
export declare function readRawBody(request: IncomingMessage, maxBytes?: number): Promise<Buffer>;
