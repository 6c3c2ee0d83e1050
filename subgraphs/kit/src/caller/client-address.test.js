"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const client_address_1 = require("./client-address");
const request = (headers, remoteAddress = '10.0.0.5') => ({ headers, socket: { remoteAddress } });
describe('clientAddress', () => {
    it('is the gateway’s X-Client-Address', () => {
        expect((0, client_address_1.clientAddress)(request({ 'x-client-address': '203.0.113.7' }))).toBe('203.0.113.7');
        expect((0, client_address_1.clientAddress)(request({ 'x-client-address': '::ffff:203.0.113.7' }))).toBe('203.0.113.7');
        expect((0, client_address_1.clientAddress)(request({ 'x-client-address': '2001:db8::1' }))).toBe('2001:db8::1');
    });
    it('ignores X-Forwarded-For and the socket (the gateway’s), and anything that is not an address', () => {
        expect((0, client_address_1.clientAddress)(request({ 'x-client-address': '203.0.113.7', 'x-forwarded-for': '198.51.100.1' }))).toBe('203.0.113.7');
        expect((0, client_address_1.clientAddress)(request({ 'x-forwarded-for': '198.51.100.1' }))).toBeNull();
        expect((0, client_address_1.clientAddress)(request({}))).toBeNull();
        expect((0, client_address_1.clientAddress)(request({ 'x-client-address': 'unknown' }))).toBeNull();
    });
});
//# sourceMappingURL=client-address.test.js.map