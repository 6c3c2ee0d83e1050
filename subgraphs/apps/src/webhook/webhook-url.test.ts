import { refusalOfUrl, type Resolve } from './webhook-url';

const production = { isProduction: true, allowedHosts: new Set<string>() };
const resolvesTo =
  (...addresses: string[]): Resolve =>
  () =>
    Promise.resolve(addresses);

describe('webhook URL rules', () => {
  it('accepts an https URL whose host resolves to public addresses only', async () => {
    expect(await refusalOfUrl('https://hooks.example.com/in', production, resolvesTo('93.184.216.34', '2606:4700::1'))).toBeNull();
  });

  it('refuses http, other schemes, credentials and nonsense', async () => {
    expect(await refusalOfUrl('http://hooks.example.com/in', production, resolvesTo('93.184.216.34'))).toMatch(/https/);
    expect(await refusalOfUrl('ftp://hooks.example.com/in', production, resolvesTo('93.184.216.34'))).toMatch(/https/);
    expect(await refusalOfUrl('https://user:pw@hooks.example.com/', production, resolvesTo('93.184.216.34'))).toMatch(/credentials/);
    expect(await refusalOfUrl('not a url', production)).toMatch(/absolute URL/);
  });

  it('refuses a host with any private address, IP literals included, and one that does not resolve', async () => {
    expect(await refusalOfUrl('https://hooks.example.com/', production, resolvesTo('93.184.216.34', '10.0.0.5'))).toMatch(/private/);
    expect(await refusalOfUrl('https://127.0.0.1/', production)).toMatch(/private/);
    expect(await refusalOfUrl('https://[::1]/', production)).toMatch(/private/);
    expect(await refusalOfUrl('https://169.254.169.254/latest/meta-data', production)).toMatch(/private/);
    expect(await refusalOfUrl('https://nowhere.invalid/', production, () => Promise.reject(new Error('ENOTFOUND')))).toMatch(/does not resolve/);
  });

  it('lets allow-listed hosts through; plain http only outside production', async () => {
    const development = { isProduction: false, allowedHosts: new Set(['localhost']) };
    expect(await refusalOfUrl('https://localhost:8443/hook', development)).toBeNull();
    expect(await refusalOfUrl('http://localhost:8080/hook', development)).toBeNull();
    expect(await refusalOfUrl('http://localhost:8080/hook', { ...development, isProduction: true })).toMatch(/https/);
    expect(await refusalOfUrl('https://localhost:8443/hook', { isProduction: false, allowedHosts: new Set<string>() }, resolvesTo('127.0.0.1'))).toMatch(
      /private/,
    );
  });
});
