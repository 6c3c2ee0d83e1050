"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BodyTooLargeError = void 0;
exports.readRawBody = readRawBody;
class BodyTooLargeError extends Error {
}
exports.BodyTooLargeError = BodyTooLargeError;
/** The request body as received: signatures are computed over these exact bytes, never over re-serialized JSON. */
async function readRawBody(request, maxBytes = 1024 * 1024) {
    const chunks = [];
    let size = 0;
    for await (const chunk of request) {
        size += chunk.length;
        if (size > maxBytes)
            throw new BodyTooLargeError(`request body over ${maxBytes} bytes`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}
//# sourceMappingURL=raw-body.js.map