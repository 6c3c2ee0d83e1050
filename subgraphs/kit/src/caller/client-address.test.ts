import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';

const request = (headers: Record<string, string>, remoteAddress = '10.0.0.5') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the gateway’s X-Client-Address', () => {
    expect(clientAddress(request({ 'x-client-address': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(request({ 'x-client-address': '::ffff:203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(request({ 'x-client-address': '2001:db8::1' }))).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For and the socket (the gateway’s), and anything that is not an address', () => {
    expect(clientAddress(request({ 'x-client-address': '203.0.113.7', 'x-forwarded-for': '198.51.100.1' }))).toBe('203.0.113.7');
    expect(clientAddress(request({ 'x-forwarded-for': '198.51.100.1' }))).toBeNull();
    expect(clientAddress(request({}))).toBeNull();
    expect(clientAddress(request({ 'x-client-address': 'unknown' }))).toBeNull();
  });
});
