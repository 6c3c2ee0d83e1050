import { randomUUID } from 'node:crypto';
import { Role } from '@ultramarket/kit';
import { tokenFor } from '../../kit/test/support/subgraph-harness';
import { Operations, StoresUnderTest, type UserErrorResult } from './support/stores-harness';

interface Verification {
  domain: string;
  status: string;
  recordType: string;
  recordName: string;
  recordValue: string;
  verifiedAt: string | null;
}
type VerifyPayload = {
  verifyStoreDomain: {
    store: { id: string; customDomain: string | null; customDomainVerification: Verification | null } | null;
    userErrors: UserErrorResult[];
  };
};

describe('custom domains serve a store only once its merchant proved they control them', () => {
  let stores: StoresUnderTest;
  const owner = tokenFor([Role.CUSTOMER], null, randomUUID());
  const rival = tokenFor([Role.CUSTOMER], null, randomUUID());
  const admin = tokenFor([Role.PLATFORM_ADMIN], null);
  const shopper = tokenFor([Role.CUSTOMER], null);
  const tag = randomUUID().slice(0, 6);

  beforeAll(async () => {
    stores = await StoresUnderTest.start();
  });
  afterAll(async () => {
    await stores.close();
  });

  const byDomain = async (domain: string) =>
    (await stores.request<{ storeByDomain: { id: string } | null }>(Operations.byDomain, { domain }, shopper)).data!.storeByDomain?.id ?? null;
  const verification = async (token: string, storeId: string) =>
    (await stores.request<{ store: { customDomainVerification: Verification | null } }>(Operations.domainVerification, { id: storeId }, token)).data!.store
      .customDomainVerification;
  const verify = (token: string, storeId: string) => stores.request<VerifyPayload>(Operations.verifyDomain, { input: { storeId } }, token);

  it('keeps a new custom domain pending with a TXT challenge, and serves it once the record is published', async () => {
    const domain = `shop-${tag}.example.com`;
    const store = await stores.createStore(owner, { name: `Proven ${tag}`, customDomain: domain.toUpperCase() });
    const challenge = (await verification(owner, store.id))!;
    expect(challenge).toMatchObject({ domain, status: 'PENDING', recordType: 'TXT', recordName: `_ultramarket-challenge.${domain}`, verifiedAt: null });
    expect(challenge.recordValue).toMatch(/^ultramarket-domain-verification=[A-Za-z0-9_-]{32,}$/);
    // only the store's people see the challenge (and a pending domain)
    expect(await verification(shopper, store.id)).toBeNull();
    expect((await stores.request<{ store: { customDomain: string | null } }>(Operations.store, { id: store.id }, shopper)).data!.store.customDomain).toBeNull();
    expect(await byDomain(domain)).toBeNull();

    // no record yet, then a wrong one: not verified
    const missing = await verify(owner, store.id);
    expect(missing.data!.verifyStoreDomain.userErrors).toEqual([expect.objectContaining({ code: 'DOMAIN_NOT_VERIFIED', field: ['input', 'storeId'] })]);
    expect(missing.data!.verifyStoreDomain.userErrors[0].message).toContain(challenge.recordName);
    stores.dns.txt.set(challenge.recordName, [['ultramarket-domain-verification=wrong'], ['v=spf1 -all']]);
    expect((await verify(owner, store.id)).data!.verifyStoreDomain.userErrors[0].code).toBe('DOMAIN_NOT_VERIFIED');
    expect(await byDomain(domain)).toBeNull();
    // strangers may not ask
    expect((await verify(shopper, store.id)).errors![0].extensions!.code).toBe('FORBIDDEN');

    // TXT strings longer than 255 characters arrive in chunks: they are joined
    const value = challenge.recordValue;
    stores.dns.txt.set(challenge.recordName, [['v=spf1 -all'], [value.slice(0, 10), value.slice(10)]]);
    const verified = (await verify(owner, store.id)).data!.verifyStoreDomain;
    expect(verified.userErrors).toEqual([]);
    expect(verified.store!.customDomainVerification).toMatchObject({ domain, status: 'VERIFIED' });
    expect(verified.store!.customDomainVerification!.verifiedAt).not.toBeNull();
    expect(await byDomain(domain.toUpperCase())).toBe(store.id);
    expect((await stores.request<{ store: { customDomain: string | null } }>(Operations.store, { id: store.id }, shopper)).data!.store.customDomain).toBe(
      domain,
    );
    expect(stores.dns.asked.every((name) => name === challenge.recordName)).toBe(true);
    const events = (await stores.outbox(store.id)).filter((event) => event.type === 'stores.domain-verified');
    expect(events.map((event) => event.data)).toEqual([{ storeId: store.id, customDomain: domain }]);

    // another store may not take a verified domain, not even pending
    const copy = await stores.request<{ createStore: { store: unknown; userErrors: UserErrorResult[] } }>(
      Operations.create,
      { input: { name: 'Copycat', email: 'a@b.co', currency: 'EUR', locale: 'de-DE', timezone: 'Europe/Berlin', customDomain: domain } },
      rival,
    );
    expect(copy.data!.createStore.userErrors).toEqual([expect.objectContaining({ code: 'DOMAIN_TAKEN', field: ['input', 'customDomain'] })]);

    // changing the domain starts over with a new challenge; the old one stops serving
    const next = `www-${tag}.example.com`;
    await stores.request(Operations.update, { input: { storeId: store.id, customDomain: next } }, owner);
    const nextChallenge = (await verification(owner, store.id))!;
    expect(nextChallenge).toMatchObject({ domain: next, status: 'PENDING', recordName: `_ultramarket-challenge.${next}` });
    expect(nextChallenge.recordValue).not.toBe(challenge.recordValue);
    expect(await byDomain(domain)).toBeNull();
    expect(await byDomain(next)).toBeNull();
  });

  it('lets a squatter hold nothing: a pending claim does not block the real owner, who verifies first', async () => {
    const domain = `contested-${tag}.example.net`;
    const squatter = await stores.createStore(rival, { name: `Squatter ${tag}`, customDomain: domain });
    const real = await stores.createStore(owner, { name: `Real ${tag}`, customDomain: domain });
    expect((await stores.proveDomain(owner, real.id)).userErrors).toEqual([]);
    expect(await byDomain(domain)).toBe(real.id);
    // the squatter's challenge is not in DNS; and once the domain is verified elsewhere it is refused outright
    const squatterChallenge = (await verification(rival, squatter.id))!;
    stores.dns.txt.set(squatterChallenge.recordName, [[squatterChallenge.recordValue]]);
    expect((await verify(rival, squatter.id)).data!.verifyStoreDomain.userErrors[0].code).toBe('DOMAIN_TAKEN');
    expect(await byDomain(domain)).toBe(real.id);
    const again = await stores.request<{ updateStore: { userErrors: UserErrorResult[] } }>(
      Operations.update,
      { input: { storeId: squatter.id, customDomain: domain.toUpperCase() } },
      rival,
    );
    expect(again.data!.updateStore.userErrors).toEqual([]);
    const otherwise = await stores.request<{ updateStore: { userErrors: UserErrorResult[] } }>(
      Operations.update,
      { input: { storeId: squatter.id, customDomain: `elsewhere-${tag}.example.net` } },
      rival,
    );
    expect(otherwise.data!.updateStore.userErrors).toEqual([]);
    const retake = await stores.request<{ updateStore: { userErrors: UserErrorResult[] } }>(
      Operations.update,
      { input: { storeId: squatter.id, customDomain: domain } },
      rival,
    );
    expect(retake.data!.updateStore.userErrors[0].code).toBe('DOMAIN_TAKEN');
  });

  it('releases a closed store’s domain so another store can claim it', async () => {
    const domain = `released-${tag}.example.org`;
    const closing = await stores.createStore(owner, { name: `Closing ${tag}`, customDomain: domain });
    expect((await stores.proveDomain(owner, closing.id)).userErrors).toEqual([]);
    expect(await byDomain(domain)).toBe(closing.id);
    await stores.request(Operations.setStatus, { input: { storeId: closing.id, status: 'CLOSED', reason: 'gone' } }, admin);
    expect(await byDomain(domain)).toBeNull();
    const after = (
      await stores.request<{ store: { customDomain: string | null; customDomainVerification: unknown } }>(
        Operations.domainVerification,
        { id: closing.id },
        owner,
      )
    ).data!.store;
    expect(after).toMatchObject({ customDomain: null, customDomainVerification: null });

    const successor = await stores.createStore(rival, { name: `Successor ${tag}`, customDomain: domain });
    expect((await stores.proveDomain(rival, successor.id)).userErrors).toEqual([]);
    expect(await byDomain(domain)).toBe(successor.id);
    // verifying needs a custom domain, and a store that is not suspended for its staff
    const plain = await stores.createStore(owner, { name: `Plain ${tag}` });
    expect((await verify(owner, plain.id)).data!.verifyStoreDomain.userErrors[0].code).toBe('NO_CUSTOM_DOMAIN');
    await stores.request(Operations.setStatus, { input: { storeId: successor.id, status: 'SUSPENDED' } }, admin);
    expect((await verify(rival, successor.id)).data!.verifyStoreDomain.userErrors[0].code).toBe('STORE_UNAVAILABLE');
  });
});
