import { randomUUID } from 'node:crypto';
import { Role } from '@ultramarket/kit';
import { tokenFor } from '../../kit/test/support/subgraph-harness';
import { Operations, StoresUnderTest, type StoreResult, type UserErrorResult } from './support/stores-harness';

type Payload<K extends string> = { [key in K]: { store: StoreResult | null; userErrors: UserErrorResult[] } };

describe('stores subgraph', () => {
  let stores: StoresUnderTest;
  const ownerId = randomUUID();
  const owner = tokenFor([Role.CUSTOMER], null, ownerId);
  const admin = tokenFor([Role.PLATFORM_ADMIN], null);
  const shopper = tokenFor([Role.CUSTOMER], null);
  const tag = randomUUID().slice(0, 6);

  beforeAll(async () => {
    stores = await StoresUnderTest.start();
  });
  afterAll(async () => {
    await stores.close();
  });

  const storeCount = async () => Number((await stores.owner.query(`SELECT count(*) AS n FROM store`)).rows[0].n);
  const setStatus = (token: string, storeId: string, status: string, reason?: string) =>
    stores.request<Payload<'setStoreStatus'>>(Operations.setStatus, { input: { storeId, status, reason } }, token);

  describe('createStore', () => {
    it('generates the slug and domain from the name, takes the next free slug on collision, and makes the caller its merchant', async () => {
      const first = await stores.createStore(owner, { name: `Café Düsseldorf ${tag} & Co.` });
      expect(first).toMatchObject({
        ownerId,
        slug: `cafe-dusseldorf-${tag}-co`,
        domain: `cafe-dusseldorf-${tag}-co.shops.test`,
        status: 'ACTIVE',
        currency: 'USD',
        settings: { orderNumberPrefix: '#', weightUnit: 'KG', lowStockThreshold: 5 },
        theme: { colors: { primary: '#1f6feb' }, customCss: '' },
      });
      const second = await stores.createStore(owner, { name: `Cafe Dusseldorf ${tag} Co` });
      const third = await stores.createStore(owner, { name: `cafe dusseldorf ${tag} co!` });
      expect([second.slug, third.slug]).toEqual([`cafe-dusseldorf-${tag}-co-2`, `cafe-dusseldorf-${tag}-co-3`]);

      const staff = await stores.request<{ storeStaff: { userId: string; role: string; user: { id: string } }[] }>(
        Operations.staff,
        { storeId: first.id },
        owner,
      );
      expect(staff.data!.storeStaff).toEqual([expect.objectContaining({ userId: ownerId, role: 'MERCHANT', user: { id: ownerId } })]);

      const events = await stores.outbox(first.id);
      expect(events.map((event) => [event.type, event.aggregateVersion, event.storeId])).toEqual([
        ['stores.created', 1, first.id],
        ['stores.staff-added', 1, first.id],
      ]);
      expect(events[0].data).toEqual({
        storeId: first.id,
        ownerId,
        name: first.name,
        slug: first.slug,
        domain: first.domain,
        currency: 'USD',
        locale: 'en-US',
        timezone: 'America/New_York',
        status: 'ACTIVE',
        settings: {
          guestCheckoutEnabled: true,
          requirePhoneAtCheckout: false,
          pricesIncludeTax: false,
          priceRounding: 'PER_LINE',
          paymentCaptureMode: 'AUTOMATIC',
          returnWindowDays: 30,
        },
      });
      expect(events[1].data).toEqual({ storeId: first.id, userId: ownerId, role: 'MERCHANT' });
    });

    it('refuses invalid input with field paths and writes nothing', async () => {
      const before = await storeCount();
      const answer = await stores.request(
        Operations.create,
        {
          input: {
            name: '',
            email: 'not-an-email',
            currency: 'usd',
            locale: 'english',
            timezone: 'Mars/Olympus',
            phone: '555-1234',
            customDomain: 'not a host',
            settings: { lowStockThreshold: -1 },
            theme: { colors: { primary: 'red' }, typography: { bodyFont: 'x; background: url(evil)' }, customCss: 'a'.repeat(20_001) },
          },
        },
        owner,
      );
      expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const fields = answer.errors![0].extensions!.fields!.map((field) => field.field.join('.'));
      expect(new Set(fields)).toEqual(
        new Set([
          'input.name',
          'input.email',
          'input.currency',
          'input.locale',
          'input.timezone',
          'input.phone',
          'input.customDomain',
          'input.settings.lowStockThreshold',
          'input.theme.colors.primary',
          'input.theme.typography.bodyFont',
          'input.theme.customCss',
        ]),
      );
      expect(await storeCount()).toBe(before);
      const anonymous = await stores.request(Operations.create, { input: { name: 'x', email: 'a@b.co', currency: 'USD', locale: 'en', timezone: 'UTC' } });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await storeCount()).toBe(before);
    });

    it('sanitises custom CSS, and refuses a taken custom domain or one under the platform domain', async () => {
      const css = `.hero { color: #123456; background: url("https://cdn.example.com/a.png"); }\n@import url("https://evil.example/x.css");\n.x { width: expression(alert(1)); } </style><script>alert(1)</script>`;
      const store = await stores.createStore(owner, { name: `Styled ${tag}`, customDomain: `Shop-${tag}.Example.com`, theme: { customCss: css } });
      expect(store.customDomain).toBe(`shop-${tag}.example.com`);
      expect(store.theme.customCss).toBe('.hero { color: #123456; background: url("https://cdn.example.com/a.png"); }\n.x { } alert(1)');
      expect((await stores.proveDomain(owner, store.id)).userErrors).toEqual([]);

      const before = await storeCount();
      const taken = await stores.request<Payload<'createStore'>>(
        Operations.create,
        { input: { name: 'Copycat', email: 'a@b.co', currency: 'EUR', locale: 'de-DE', timezone: 'Europe/Berlin', customDomain: `SHOP-${tag}.example.com` } },
        owner,
      );
      expect(taken.data!.createStore).toEqual({
        store: null,
        userErrors: [expect.objectContaining({ code: 'DOMAIN_TAKEN', field: ['input', 'customDomain'] })],
      });
      const platform = await stores.request<Payload<'createStore'>>(
        Operations.create,
        { input: { name: 'Squatter', email: 'a@b.co', currency: 'EUR', locale: 'de-DE', timezone: 'Europe/Berlin', customDomain: `x-${tag}.shops.test` } },
        owner,
      );
      expect(platform.data!.createStore.userErrors[0].code).toBe('DOMAIN_NOT_ALLOWED');
      expect(await storeCount()).toBe(before);
    });
  });

  describe('updates', () => {
    it('changes only the fields given, merges settings and publishes the changed field names', async () => {
      const store = await stores.createStore(owner, { name: `Partial ${tag}`, phone: '+14155550100' });
      const answer = await stores.request<Payload<'updateStore'>>(
        Operations.update,
        { input: { storeId: store.id, name: `Renamed ${tag}`, settings: { taxesIncluded: true, lowStockThreshold: 2 } } },
        owner,
      );
      const updated = answer.data!.updateStore.store!;
      expect(updated).toMatchObject({
        name: `Renamed ${tag}`,
        slug: store.slug,
        email: store.email,
        phone: '+14155550100',
        currency: 'USD',
        settings: { taxesIncluded: true, pricesIncludeTax: true, priceRounding: 'PER_LINE', lowStockThreshold: 2, orderNumberPrefix: '#', weightUnit: 'KG' },
      });
      const cleared = await stores.request<Payload<'updateStore'>>(Operations.update, { input: { storeId: store.id, phone: null } }, owner);
      expect(cleared.data!.updateStore.store!.phone).toBeNull();
      // the same values again change nothing and publish nothing
      await stores.request(Operations.update, { input: { storeId: store.id, name: `Renamed ${tag}` } }, owner);

      const events = (await stores.outbox(store.id)).filter((event) => event.type === 'stores.updated');
      expect(events.map((event) => [event.aggregateVersion, event.data.changed])).toEqual([
        [2, ['name', 'settings']],
        [3, ['phone']],
      ]);
      expect(events[0].data).toMatchObject({ storeId: store.id, name: `Renamed ${tag}`, slug: store.slug, domain: store.domain, customDomain: null });
      // orders enforces these at checkout from the events alone
      expect(events[0].data.settings).toEqual({
        guestCheckoutEnabled: true,
        requirePhoneAtCheckout: false,
        pricesIncludeTax: true,
        priceRounding: 'PER_LINE',
        paymentCaptureMode: 'AUTOMATIC',
        returnWindowDays: 30,
      });
      const pricing = await stores.request<Payload<'updateStore'>>(
        Operations.update,
        {
          input: {
            storeId: store.id,
            settings: {
              guestCheckoutEnabled: false,
              requirePhoneAtCheckout: true,
              pricesIncludeTax: false,
              priceRounding: 'PER_ORDER',
              paymentCaptureMode: 'MANUAL',
              returnWindowDays: 14,
            },
          },
        },
        owner,
      );
      // taxesIncluded is pricesIncludeTax's deprecated name: one value
      expect(pricing.data!.updateStore.store!.settings).toMatchObject({
        pricesIncludeTax: false,
        taxesIncluded: false,
        priceRounding: 'PER_ORDER',
        paymentCaptureMode: 'MANUAL',
        returnWindowDays: 14,
      });
      const latest = (await stores.outbox(store.id)).filter((event) => event.type === 'stores.updated').at(-1)!;
      expect(latest.data.settings).toEqual({
        guestCheckoutEnabled: false,
        requirePhoneAtCheckout: true,
        pricesIncludeTax: false,
        priceRounding: 'PER_ORDER',
        paymentCaptureMode: 'MANUAL',
        returnWindowDays: 14,
      });
      const created = (await stores.outbox(store.id)).find((event) => event.type === 'stores.created')!;
      expect(created.data.settings).toEqual({
        guestCheckoutEnabled: true,
        requirePhoneAtCheckout: false,
        pricesIncludeTax: false,
        priceRounding: 'PER_LINE',
        paymentCaptureMode: 'AUTOMATIC',
        returnWindowDays: 30,
      });
    });

    it('updates the theme part by part', async () => {
      const store = await stores.createStore(owner, { name: `Themed ${tag}` });
      const answer = await stores.request<Payload<'updateStoreTheme'>>(
        Operations.theme,
        {
          input: { storeId: store.id, colors: { accent: '#ABC' }, layout: { productGridColumns: 3 }, customCss: 'p { background: url(http://x.test/a.gif) }' },
        },
        owner,
      );
      expect(answer.data!.updateStoreTheme.store!.theme).toEqual({
        colors: { primary: '#1f6feb', accent: '#ABC' },
        typography: { baseFontSize: 16 },
        layout: { productGridColumns: 3 },
        customCss: 'p {}',
      });
      const bad = await stores.request(Operations.theme, { input: { storeId: store.id, layout: { productGridColumns: 9 } } }, owner);
      expect(bad.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: ['input', 'layout', 'productGridColumns'] })],
      });
      const events = (await stores.outbox(store.id)).filter((event) => event.type === 'stores.updated');
      expect(events.map((event) => event.data.changed)).toEqual([['theme']]);
    });
  });

  describe('status', () => {
    it('lets the owner pause and resume, keeps suspension and closing for platform admins, and makes CLOSED final', async () => {
      const store = await stores.createStore(owner, { name: `Status ${tag}` });
      const status = async (token: string, to: string) => await setStatus(token, store.id, to, `to ${to}`);

      expect((await status(owner, 'PAUSED')).data!.setStoreStatus.store!.status).toBe('PAUSED');
      expect((await status(owner, 'ACTIVE')).data!.setStoreStatus.store!.status).toBe('ACTIVE');
      expect((await status(owner, 'ACTIVE')).data!.setStoreStatus.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_STATUS_TRANSITION', field: ['input', 'status'] }),
      ]);
      expect((await status(owner, 'SUSPENDED')).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await status(owner, 'CLOSED')).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await status(shopper, 'PAUSED')).errors![0].extensions!.code).toBe('FORBIDDEN');

      expect((await status(admin, 'SUSPENDED')).data!.setStoreStatus.store!.status).toBe('SUSPENDED');
      expect((await status(owner, 'ACTIVE')).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await status(admin, 'PAUSED')).data!.setStoreStatus.userErrors[0].code).toBe('INVALID_STATUS_TRANSITION');
      expect((await status(admin, 'ACTIVE')).data!.setStoreStatus.store!.status).toBe('ACTIVE');
      expect((await status(admin, 'CLOSED')).data!.setStoreStatus.store!.status).toBe('CLOSED');
      for (const to of ['ACTIVE', 'PAUSED', 'SUSPENDED', 'CLOSED']) {
        expect((await status(admin, to)).data!.setStoreStatus.userErrors[0].code).toBe('INVALID_STATUS_TRANSITION');
      }
      const closedUpdate = await stores.request<Payload<'updateStore'>>(Operations.update, { input: { storeId: store.id, name: 'Back' } }, owner);
      expect(closedUpdate.data!.updateStore.userErrors[0].code).toBe('STORE_CLOSED');

      const events = (await stores.outbox(store.id)).filter((event) => event.type === 'stores.status-changed');
      expect(events.map((event) => [event.aggregateVersion, event.data.previousStatus, event.data.status])).toEqual([
        [2, 'ACTIVE', 'PAUSED'],
        [3, 'PAUSED', 'ACTIVE'],
        [4, 'ACTIVE', 'SUSPENDED'],
        [5, 'SUSPENDED', 'ACTIVE'],
        [6, 'ACTIVE', 'CLOSED'],
      ]);
      expect(events[0].data).toEqual({ storeId: store.id, status: 'PAUSED', previousStatus: 'ACTIVE', reason: 'to PAUSED' });
    });

    it('hides a suspended store from shoppers everywhere, and shows it to its staff and platform admins', async () => {
      const store = await stores.createStore(owner, { name: `Hidden ${tag}`, customDomain: `hidden-${tag}.example.org` });
      expect((await stores.proveDomain(owner, store.id)).userErrors).toEqual([]);
      const otherMerchant = tokenFor([Role.MERCHANT], randomUUID());
      const reads = async (token?: string) => [
        (await stores.request<{ store: { id: string } | null }>(Operations.store, { id: store.id }, token)).data!.store?.id ?? null,
        (await stores.request<{ storeBySlug: { id: string } | null }>(Operations.bySlug, { slug: store.slug }, token)).data!.storeBySlug?.id ?? null,
        (await stores.request<{ storeByDomain: { id: string } | null }>(Operations.byDomain, { domain: store.domain.toUpperCase() }, token)).data!.storeByDomain
          ?.id ?? null,
        (await stores.request<{ storeByDomain: { id: string } | null }>(Operations.byDomain, { domain: `HIDDEN-${tag}.example.org` }, token)).data!
          .storeByDomain?.id ?? null,
        (
          await stores.request<{ _entities: ({ id: string } | null)[] }>(
            Operations.entities,
            { representations: [{ __typename: 'Store', id: store.id }] },
            token,
          )
        ).data!._entities[0]?.id ?? null,
      ];
      expect(await reads()).toEqual(Array(5).fill(store.id));
      await setStatus(admin, store.id, 'SUSPENDED', 'unpaid invoices');
      for (const token of [undefined, shopper, otherMerchant]) expect(await reads(token)).toEqual(Array(5).fill(null));
      for (const token of [owner, admin]) expect(await reads(token)).toEqual(Array(5).fill(store.id));
      // settings are the staff's business
      expect((await stores.request<{ store: StoreResult }>(Operations.store, { id: store.id }, owner)).data!.store.settings).not.toBeNull();
      await setStatus(admin, store.id, 'ACTIVE');
      expect((await stores.request<{ store: StoreResult }>(Operations.store, { id: store.id }, shopper)).data!.store.settings).toBeNull();
    });
  });

  describe('staff', () => {
    it('adds, re-roles and removes staff; the owner stays; other stores and plain staff cannot touch it', async () => {
      const store = await stores.createStore(owner, { name: `Staffed ${tag}` });
      const clerkId = randomUUID();
      const clerk = tokenFor([Role.CUSTOMER], null, clerkId);
      const add = (token: string, userId: string, role: string) =>
        stores.request<{ changeStoreStaffRole: { staffMember: { userId: string; role: string } | null; userErrors: UserErrorResult[] } }>(
          Operations.changeRole,
          { input: { storeId: store.id, userId, role } },
          token,
        );
      const invite = (token: string, userId: string, role: string) =>
        stores.request<{ inviteStoreStaff: { invitation: { id: string } | null; userErrors: UserErrorResult[] } }>(
          Operations.invite,
          { input: { storeId: store.id, userId, role } },
          token,
        );
      const remove = (token: string, userId: string) =>
        stores.request<{ removeStoreStaff: { removedStaffMember: { userId: string } | null; userErrors: UserErrorResult[] } }>(
          Operations.removeStaff,
          { input: { storeId: store.id, userId } },
          token,
        );

      const invitationId = (await invite(owner, clerkId, 'STORE_STAFF')).data!.inviteStoreStaff.invitation!.id;
      const accepted = await stores.request<{ acceptStoreInvitation: { staffMember: unknown } }>(Operations.accept, { input: { invitationId } }, clerk);
      expect(accepted.data!.acceptStoreInvitation.staffMember).toEqual({ userId: clerkId, role: 'STORE_STAFF' });
      expect((await stores.request<{ myStores: { id: string }[] }>(Operations.myStores, {}, clerk)).data!.myStores.map((s) => s.id)).toEqual([store.id]);
      // plain staff read the staff list but may not change it
      expect((await stores.request<{ storeStaff: unknown[] }>(Operations.staff, { storeId: store.id }, clerk)).data!.storeStaff).toHaveLength(2);
      expect((await invite(clerk, randomUUID(), 'STORE_STAFF')).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await add(clerk, clerkId, 'MERCHANT')).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await add(owner, clerkId, 'MERCHANT')).data!.changeStoreStaffRole.staffMember!.role).toBe('MERCHANT');
      expect((await add(owner, ownerId, 'STORE_STAFF')).data!.changeStoreStaffRole.userErrors[0].code).toBe('OWNER_IS_MERCHANT');
      expect((await add(owner, 'not-a-uuid', 'CUSTOMER')).errors![0].extensions!.fields!.map((f) => f.field.join('.'))).toEqual(['input.userId', 'input.role']);
      expect((await remove(clerk, ownerId)).data!.removeStoreStaff.userErrors[0].code).toBe('OWNER_NOT_REMOVABLE');

      // another store's merchant, whatever its token says, reads and writes nothing here
      const stranger = tokenFor([Role.MERCHANT], randomUUID());
      const strangerHere = tokenFor([Role.MERCHANT], store.id);
      for (const token of [stranger, strangerHere]) {
        expect((await stores.request(Operations.staff, { storeId: store.id }, token)).errors![0].extensions!.code).toBe('FORBIDDEN');
        expect((await invite(token, randomUUID(), 'MERCHANT')).errors![0].extensions!.code).toBe('FORBIDDEN');
        expect((await add(token, clerkId, 'STORE_STAFF')).errors![0].extensions!.code).toBe('FORBIDDEN');
        expect((await remove(token, clerkId)).errors![0].extensions!.code).toBe('FORBIDDEN');
        expect((await stores.request(Operations.update, { input: { storeId: store.id, name: 'Mine' } }, token)).errors![0].extensions!.code).toBe('FORBIDDEN');
        expect((await stores.request(Operations.theme, { input: { storeId: store.id, customCss: 'p{}' } }, token)).errors![0].extensions!.code).toBe(
          'FORBIDDEN',
        );
        expect((await setStatus(token, store.id, 'PAUSED')).errors![0].extensions!.code).toBe('FORBIDDEN');
      }

      expect((await remove(owner, clerkId)).data!.removeStoreStaff.removedStaffMember).toEqual({ userId: clerkId, role: 'MERCHANT' });
      expect((await remove(owner, clerkId)).data!.removeStoreStaff.userErrors[0].code).toBe('NOT_A_MEMBER');
      expect((await stores.request(Operations.staff, { storeId: store.id }, clerk)).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await stores.request<{ myStores: unknown[] }>(Operations.myStores, {}, clerk)).data!.myStores).toEqual([]);
      expect((await stores.request<{ store: StoreResult }>(Operations.store, { id: store.id }, owner)).data!.store.name).toBe(`Staffed ${tag}`);

      const events = (await stores.outbox(store.id)).filter((event) => event.type.startsWith('stores.staff-'));
      expect(events.map((event) => [event.type, event.aggregateVersion, event.data.userId, event.data.role])).toEqual([
        ['stores.staff-added', 1, ownerId, 'MERCHANT'],
        ['stores.staff-invited', 2, clerkId, 'STORE_STAFF'],
        ['stores.staff-added', 3, clerkId, 'STORE_STAFF'],
        ['stores.staff-added', 4, clerkId, 'MERCHANT'],
        ['stores.staff-removed', 5, clerkId, 'MERCHANT'],
      ]);
    });

    it('isolates store_staff by row-level security for the application role', async () => {
      const { dataSource } = stores.subgraph.runtime;
      await expect(dataSource.query(`SELECT count(*) FROM store_staff`)).rejects.toThrow(/no store scope/);
      const [{ relforcerowsecurity }] = (await stores.owner.query(`SELECT relforcerowsecurity FROM pg_class WHERE relname = 'store_staff'`)).rows;
      expect(relforcerowsecurity).toBe(true);
    });
  });

  it('caches store reads in Redis and drops the entry on every change', async () => {
    const store = await stores.createStore(owner, { name: `Cached ${tag}` });
    const key = stores.cacheKeys.byId(store.id);
    expect(await stores.redis.get(key)).toBeNull();
    await stores.request(Operations.bySlug, { slug: store.slug }, shopper);
    expect(JSON.parse((await stores.redis.get(key))!)).toMatchObject({ id: store.id, name: `Cached ${tag}` });
    expect(await stores.redis.get(stores.cacheKeys.bySlug(store.slug))).toBe(store.id);
    expect(await stores.redis.ttl(key)).toBeGreaterThan(3500);

    await stores.request(Operations.update, { input: { storeId: store.id, name: `Fresh ${tag}` } }, owner);
    expect(await stores.redis.get(key)).toBeNull();
    expect(await stores.redis.get(stores.cacheKeys.bySlug(store.slug))).toBeNull();
    expect((await stores.request<{ store: StoreResult }>(Operations.store, { id: store.id }, shopper)).data!.store.name).toBe(`Fresh ${tag}`);
    expect(await stores.redis.get(key)).not.toBeNull();
    await setStatus(owner, store.id, 'PAUSED');
    expect(await stores.redis.get(key)).toBeNull();
    expect((await stores.request<{ store: StoreResult }>(Operations.store, { id: store.id }, shopper)).data!.store.status).toBe('PAUSED');
  });

  it('lists every store for platform admins only, filtered and paginated', async () => {
    const search = `Listed ${tag}`;
    for (let i = 0; i < 3; i += 1) await stores.createStore(owner, { name: `${search} ${i}` });
    const page = (after?: string) =>
      stores.request<{ stores: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string }[] } }>(
        Operations.stores,
        { first: 2, after, filter: { search, status: 'ACTIVE' } },
        admin,
      );
    const first = (await page()).data!.stores;
    expect([first.totalCount, first.nodes.map((s) => s.name), first.pageInfo.hasNextPage]).toEqual([3, [`${search} 2`, `${search} 1`], true]);
    const second = (await page(first.pageInfo.endCursor)).data!.stores;
    expect([second.nodes.map((s) => s.name), second.pageInfo.hasNextPage]).toEqual([[`${search} 0`], false]);
    expect((await stores.request(Operations.stores, {}, owner)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await stores.request(Operations.stores, { after: 'garbage' }, admin)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
