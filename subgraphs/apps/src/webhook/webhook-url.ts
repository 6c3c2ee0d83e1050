import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { WebhookConfig } from './webhook.config';
import { isPublicAddress } from './target-address';

export type AddressRules = Pick<WebhookConfig, 'isProduction' | 'allowedHosts'>;

/** Resolves a host name to every address it has (the system resolver, as the sender uses it). */
export type Resolve = (host: string) => Promise<string[]>;

export const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** A URL's host as the allow-list names it: lower case, IPv6 literals without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why `raw` may not be a webhook target, or null when it may: an absolute http(s) URL without credentials; https
 * unless its host is allow-listed outside production; and, unless the host is allow-listed, every address it
 * resolves to public (`isPublicAddress`). The sender checks the addresses again when it connects (DNS may change).
 */
export async function refusalOfUrl(raw: string, rules: AddressRules, resolve: Resolve = systemResolve): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Give an absolute URL such as https://example.com/webhooks';
  }
  if (url.username || url.password) return 'A webhook URL may not carry credentials';
  const host = hostOf(url);
  const allowListed = rules.allowedHosts.has(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowListed && !rules.isProduction)) return 'A webhook URL must use https';
  if (allowListed) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return `The host ${host} does not resolve`;
  }
  if (addresses.length === 0) return `The host ${host} does not resolve`;
  if (!addresses.every(isPublicAddress)) return `The host ${host} is a private, loopback or otherwise internal address`;
  return null;
}
