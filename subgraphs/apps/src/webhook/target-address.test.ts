import { isPublicAddress } from './target-address';

describe('webhook target addresses', () => {
  it('allows public IPv4 and IPv6 addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e']) {
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
    }
  });

  it('refuses private, loopback, link-local, CGNAT, multicast, reserved and unspecified IPv4', () => {
    for (const address of [
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '127.0.0.1',
      '127.255.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.254',
      '224.0.0.1',
      '239.255.255.250',
      '0.0.0.0',
      '240.0.0.1',
      '255.255.255.255',
      '198.18.0.1',
    ]) {
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
    }
  });

  it('refuses IPv6 loopback, unspecified, unique-local, link-local and multicast', () => {
    for (const address of ['::1', '::', 'fc00::1', 'fd12:3456:789a::1', 'fe80::1', 'ff02::1', 'fec0::1']) {
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
    }
  });

  it('checks the IPv4 address IPv6 carries (mapped, NAT64, 6to4, Teredo)', () => {
    for (const address of [
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '2002:0a00:0001::1',
      '2001:0:4136:e378:8000:63bf:80ff:fffe',
    ]) {
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
    }
    expect(isPublicAddress('::ffff:8.8.8.8')).toBe(true);
  });

  it('refuses what is not an address', () => {
    for (const value of ['localhost', 'example.com', '', '1.2.3', '::g']) expect([value, isPublicAddress(value)]).toEqual([value, false]);
  });
});
