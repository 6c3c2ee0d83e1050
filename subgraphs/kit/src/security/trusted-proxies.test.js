"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const trusted_proxies_1 = require("./trusted-proxies");
const request = (remoteAddress, forwardedFor) => ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } });
describe('the client address the gateway vouches for', () => {
    it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
        const none = (0, trusted_proxies_1.parseTrustedProxies)('');
        expect((0, trusted_proxies_1.clientAddressBehind)(request('203.0.113.7', '198.51.100.1'), none)).toBe('203.0.113.7');
        expect((0, trusted_proxies_1.clientAddressBehind)(request('::ffff:203.0.113.7'), none)).toBe('203.0.113.7');
        expect((0, trusted_proxies_1.clientAddressBehind)(request(undefined), none)).toBeNull();
    });
    it('is the hop a trusted proxy reports, past further trusted proxies, never a hop the client wrote', () => {
        const trusted = (0, trusted_proxies_1.parseTrustedProxies)('10.0.0.0/8, 127.0.0.1, fd00::/8');
        expect((0, trusted_proxies_1.clientAddressBehind)(request('127.0.0.1', '198.51.100.1, 203.0.113.7'), trusted)).toBe('203.0.113.7');
        expect((0, trusted_proxies_1.clientAddressBehind)(request('::ffff:10.1.2.3', '198.51.100.1, 203.0.113.7, 10.9.9.9'), trusted)).toBe('203.0.113.7');
        expect((0, trusted_proxies_1.clientAddressBehind)(request('fd00::1', '2001:db8::5'), trusted)).toBe('2001:db8::5');
        // a trusted proxy that reports nothing usable: the proxy is all we know
        expect((0, trusted_proxies_1.clientAddressBehind)(request('10.0.0.2'), trusted)).toBe('10.0.0.2');
        expect((0, trusted_proxies_1.clientAddressBehind)(request('10.0.0.2', 'not-an-address'), trusted)).toBe('10.0.0.2');
        // an untrusted peer's X-Forwarded-For is the client's own writing
        expect((0, trusted_proxies_1.clientAddressBehind)(request('203.0.113.9', '10.0.0.1'), trusted)).toBe('203.0.113.9');
    });
    it('refuses a list that is not addresses and ranges', () => {
        for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x']) {
            expect(() => (0, trusted_proxies_1.parseTrustedProxies)(bad)).toThrow(/GATEWAY_TRUSTED_PROXIES/);
        }
    });
});
//# sourceMappingURL=trusted-proxies.test.js.map