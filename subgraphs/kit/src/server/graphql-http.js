"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PayloadTooLargeError = void 0;
exports.readBody = readBody;
exports.readBodyBytes = readBodyBytes;
exports.headerValue = headerValue;
exports.sendJson = sendJson;
exports.headerMapOf = headerMapOf;
exports.handleGraphQLRequest = handleGraphQLRequest;
const server_1 = require("@apollo/server");
const MAX_BODY_BYTES = 1024 * 1024;
class PayloadTooLargeError extends Error {
}
exports.PayloadTooLargeError = PayloadTooLargeError;
/** The request body as text, refused past 1 MiB. */
async function readBody(request) {
    return (await readBodyBytes(request)).toString('utf8');
}
/** The request body's bytes, refused past 1 MiB. Read from 'data' events: cheaper than an async iterator on the hot path. */
function readBodyBytes(request) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const onData = (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                request.off('data', onData);
                reject(new PayloadTooLargeError('request body too large'));
                return;
            }
            chunks.push(chunk);
        };
        request.on('data', onData);
        request.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
        request.once('error', reject);
    });
}
/** One request header's value (the first, when it was sent more than once). */
function headerValue(request, name) {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** A small JSON answer (health, readiness, errors outside GraphQL). */
function sendJson(response, status, body) {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
/** Node's parsed headers as Apollo's HeaderMap, repeated headers joined. */
function headerMapOf(request) {
    const headers = new server_1.HeaderMap();
    const parsed = request.headers;
    for (const name in parsed) {
        const value = parsed[name];
        if (value !== undefined)
            headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return headers;
}
/**
 * Serves one GraphQL request with Apollo Server on plain node:http (no framework in between); the
 * gateway's and every subgraph's hot path. The URL is parsed only when it has a query string.
 */
async function handleGraphQLRequest(apollo, request, response, context, options = {}) {
    let body;
    const bytes = request.method === 'POST' || options.admit ? await readBodyBytes(request) : undefined;
    const refusal = options.admit?.(request, bytes);
    if (refusal) {
        sendJson(response, refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
        return;
    }
    if (request.method === 'POST') {
        const text = bytes.toString('utf8');
        try {
            body = text === '' ? undefined : JSON.parse(text);
        }
        catch {
            response.writeHead(400, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }));
            return;
        }
    }
    const url = request.url ?? '/';
    const search = url.includes('?') ? new URL(url, 'http://localhost').search : '';
    const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers: headerMapOf(request), search, body },
        context,
    });
    response.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers)
        response.setHeader(name, value);
    if (result.body.kind === 'complete') {
        response.end(result.body.string);
        return;
    }
    for await (const chunk of result.body.asyncIterator)
        response.write(chunk);
    response.end();
}
//# sourceMappingURL=graphql-http.js.map