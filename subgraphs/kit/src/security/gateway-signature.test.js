"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const gateway_signature_1 = require("./gateway-signature");
const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const body = JSON.stringify({ query: '{ me { id } }' });
const headers = { authorization: 'Bearer token-of-alice', 'x-store-id': '7c3e6f0e-0000-4000-8000-000000000001', 'x-client-address': '203.0.113.7' };
const parts = { method: 'POST', target: '/graphql', body, headers };
/** The request as the subgraph receives it: the parts plus the signature header. */
const signed = (overrides = {}, signature = (0, gateway_signature_1.signGatewayRequest)(SECRET, parts, NOW)) => ({
    ...parts,
    ...overrides,
    headers: { ...(overrides.headers ?? headers), [gateway_signature_1.GATEWAY_SIGNATURE_HEADER]: signature },
});
describe('gateway request signatures', () => {
    it('accepts what the gateway signed, within five minutes either way, with header names in any case', () => {
        expect((0, gateway_signature_1.signGatewayRequest)(SECRET, parts, NOW)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed(), NOW)).toBeUndefined();
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed(), NOW + 299_000)).toBeUndefined();
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed(), NOW - 299_000)).toBeUndefined();
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ body: Buffer.from(body) }), NOW)).toBeUndefined();
        const shouted = { Authorization: headers.authorization, 'X-Store-Id': headers['x-store-id'], 'X-Client-Address': headers['x-client-address'] };
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ headers: shouted }), NOW)).toBeUndefined();
    });
    it('refuses a request without a signature, or with one that is not one', () => {
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, parts, NOW)).toBe('missing');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({}, ''), NOW)).toBe('missing');
        for (const garbage of ['v1=abc', 't=1,v1=xyz', `t=${NOW / 1000}`, 'sha256=deadbeef', `t=${NOW / 1000},v1=${'0'.repeat(63)}`]) {
            expect([garbage, (0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({}, garbage), NOW)]).toEqual([garbage, 'malformed']);
        }
    });
    it('refuses a tampered body, method or target', () => {
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ body: body.replace('me', 'users') }), NOW)).toBe('mismatch');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ body: '' }), NOW)).toBe('mismatch');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ method: 'GET' }), NOW)).toBe('mismatch');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ target: '/graphql?query={__typename}' }), NOW)).toBe('mismatch');
    });
    it('refuses a tampered, added or removed forwarded header', () => {
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ headers: { ...headers, authorization: 'Bearer token-of-mallory' } }), NOW)).toBe('mismatch');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ headers: { ...headers, 'x-store-id': '7c3e6f0e-0000-4000-8000-000000000002' } }), NOW)).toBe('mismatch');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ headers: { ...headers, 'x-client-address': '198.51.100.1' } }), NOW)).toBe('mismatch');
        const { authorization: _dropped, ...anonymous } = headers;
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ headers: anonymous }), NOW)).toBe('mismatch');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ headers: { ...headers, 'x-store-id': '' } }), NOW)).toBe('mismatch');
        // a header the gateway does not vouch for may change (tracing ids, X-Forwarded-For)
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({ headers: { ...headers, 'x-forwarded-for': '10.0.0.1', 'x-request-id': 'r-2' } }), NOW)).toBeUndefined();
    });
    it('refuses a signature older or newer than five minutes', () => {
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed(), NOW + 301_000)).toBe('expired');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({}, (0, gateway_signature_1.signGatewayRequest)(SECRET, parts, NOW - 3_600_000)), NOW)).toBe('expired');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({}, (0, gateway_signature_1.signGatewayRequest)(SECRET, parts, NOW + 301_000)), NOW)).toBe('expired');
    });
    it('refuses a signature made with another secret', () => {
        const forged = (0, gateway_signature_1.signGatewayRequest)('another-secret-of-thirty-two-characters!', parts, NOW);
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET, signed({}, forged), NOW)).toBe('mismatch');
        expect((0, gateway_signature_1.verifyGatewaySignature)(SECRET.slice(0, -1), signed(), NOW)).toBe('mismatch');
    });
});
//# sourceMappingURL=gateway-signature.test.js.map