import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isSubscribableTopic, WEBHOOK_DOMAINS, WEBHOOK_TOPICS } from './webhook-topics';

/** The subjects schema/events.md documents (their payloads are the webhook contract). */
function catalogSubjects(): string[] {
  const text = readFileSync(path.resolve(__dirname, '../../../../schema/events.md'), 'utf8');
  return [...text.matchAll(/^\| `([a-z-]+\.[a-z-]+)`/gm)].map((match) => match[1]);
}

describe('webhook topics', () => {
  const catalog = catalogSubjects();

  it('are exactly the catalog’s subjects of the subscribable domains', () => {
    const ofDomains = catalog.filter((subject) => (WEBHOOK_DOMAINS as readonly string[]).includes(subject.split('.')[0]));
    expect([...WEBHOOK_TOPICS].sort()).toEqual([...new Set(ofDomains)].sort());
  });

  it('never include platform internals or events carrying tokens', () => {
    for (const topic of [
      'accounts.user-registered',
      'accounts.password-reset-requested',
      'cart.abandoned',
      'stores.staff-invited',
      'apps.webhook-endpoint-disabled',
    ]) {
      expect([topic, isSubscribableTopic(topic)]).toEqual([topic, false]);
    }
    expect(isSubscribableTopic('accounts.*')).toBe(false);
  });

  it('include each subscribable domain’s wildcard', () => {
    for (const domain of WEBHOOK_DOMAINS) expect(isSubscribableTopic(`${domain}.*`)).toBe(true);
    expect(isSubscribableTopic('orders.nothing')).toBe(false);
  });
});
