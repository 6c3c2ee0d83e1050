import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  API_KEY_REVOKED,
  apiKeyCacheKey,
  appCallerHeader,
  AppScope,
  hashApiKey,
  isWellFormedApiKey,
  parseAppCallerHeader,
  Role,
  type AppIdentity,
} from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { signedFetch } from '../../kit/test/support/signed-fetch';
import { appsSubgraph } from '../src/apps.subgraph';

type Errors = { code: string; field: string[] | null; message: string }[];
type AppResult = { id: string; name: string; scopes: string[]; uninstalledAt: string | null; apiKeys: KeyResult[] };
type KeyResult = { id: string; displayPrefix: string; lastUsedAt: string | null; revokedAt: string | null };

const APP_FIELDS = 'id name scopes uninstalledAt apiKeys { id displayPrefix lastUsedAt revokedAt }';
const INSTALL = `mutation ($input: InstallAppInput!) { installApp(input: $input) { app { ${APP_FIELDS} } userErrors { code field message } } }`;
const UPDATE_SCOPES = `mutation ($input: UpdateAppScopesInput!) { updateAppScopes(input: $input) { app { ${APP_FIELDS} } userErrors { code field message } } }`;
const UNINSTALL = `mutation ($input: UninstallAppInput!) { uninstallApp(input: $input) { app { ${APP_FIELDS} } userErrors { code field message } } }`;
const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id displayPrefix lastUsedAt revokedAt } userErrors { code field message } } }`;
const REVOKE_KEY = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code field message } } }`;
const APPS = `query { apps(first: 50) { totalCount nodes { ${APP_FIELDS} } } }`;
const APP = `query ($id: ID!) { app(id: $id) { ${APP_FIELDS} } }`;

describe('apps subgraph: apps and API keys', () => {
  let apps: TestSubgraph;
  let owner: DataSource;
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const staff = tokenFor([Role.STORE_STAFF], storeId);
  const otherMerchant = tokenFor([Role.MERCHANT], randomUUID());

  const ask = <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    apps.client(token, headers).rawRequest<T>(query, variables);
  const data = async <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}) => {
    const result = await ask<T>(token, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const install = async (name: string, scopes: string[], token = merchant) =>
    (await data<{ installApp: { app: AppResult | null; userErrors: Errors } }>(token, INSTALL, { input: { name, scopes } })).installApp;
  const createKey = async (appId: string, token = merchant) =>
    (await data<{ createApiKey: { key: string | null; apiKey: KeyResult | null; userErrors: Errors } }>(token, CREATE_KEY, { input: { appId } })).createApiKey;
  /** The apps subgraph's answer to the gateway for a key, as the gateway asks (signed). */
  const verify = async (key: string, sign = true): Promise<{ status: number; app: AppIdentity | null }> => {
    const url = new URL('/internal/api-keys/verify', apps.url);
    const body = JSON.stringify({ keyHash: hashApiKey(key) });
    const response = await (sign ? signedFetch : fetch)(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = (await response.json()) as { app?: string | null };
    return { status: response.status, app: typeof answer.app === 'string' ? parseAppCallerHeader(answer.app) : null };
  };
  const rows = async () => ({
    apps: await owner.query(`SELECT * FROM app WHERE store_id = $1 ORDER BY id`, [storeId]),
    keys: await owner.query(`SELECT * FROM api_key WHERE store_id = $1 ORDER BY id`, [storeId]),
    outbox: await owner.query(`SELECT id FROM outbox_event ORDER BY seq`),
  });
  const outboxTypes = async (aggregateId: string): Promise<string[]> =>
    (await owner.query(`SELECT envelope->>'type' AS type FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [aggregateId])).map(
      (row: { type: string }) => row.type,
    );

  beforeAll(async () => {
    apps = await startTestSubgraph(appsSubgraph);
    owner = await openOwnerConnection(apps.runtime.config);
  });

  afterAll(async () => {
    await owner?.destroy();
    await apps?.close();
  });

  it('installs an app, makes a key shown once and kept only as its SHA-256, and verifies it for the gateway', async () => {
    const installed = await install('  Stock sync  ', [AppScope.read_products, AppScope.write_inventory, AppScope.read_products]);
    expect(installed.userErrors).toEqual([]);
    const app = installed.app!;
    expect(app).toMatchObject({ name: 'Stock sync', scopes: ['read_products', 'write_inventory'], uninstalledAt: null, apiKeys: [] });

    const created = await createKey(app.id);
    expect(created.userErrors).toEqual([]);
    const key = created.key!;
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(created.apiKey).toMatchObject({ displayPrefix: key.slice(0, 12), lastUsedAt: null, revokedAt: null });
    const [stored] = (await rows()).keys.filter((row: { id: string }) => row.id === created.apiKey!.id);
    expect(stored.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key.slice(12));
    expect(await outboxTypes(app.id)).toEqual(['apps.app-installed']);
    expect(await outboxTypes(created.apiKey!.id)).toEqual(['apps.api-key-created']);

    // what the gateway is told: this app, this key, this store, these scopes; the use is recorded
    expect(await verify(key)).toEqual({
      status: 200,
      app: { appId: app.id, keyId: created.apiKey!.id, storeId, scopes: ['read_products', 'write_inventory'] },
    });
    const listed = (await data<{ app: AppResult }>(staff, APP, { id: app.id })).app;
    expect(listed.apiKeys).toEqual([expect.objectContaining({ id: created.apiKey!.id, displayPrefix: key.slice(0, 12), lastUsedAt: expect.any(String) })]);
    // only the gateway may ask
    expect((await verify(key, false)).status).toBe(401);
  });

  it('refuses bad input with userErrors and writes nothing', async () => {
    const before = await rows();
    expect((await install('', [AppScope.read_orders])).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_APP_NAME', field: ['input', 'name'] })]);
    expect((await install('x'.repeat(101), [AppScope.read_orders])).userErrors[0].code).toBe('INVALID_APP_NAME');
    expect((await install('Line\nbreak', [AppScope.read_orders])).userErrors[0].code).toBe('INVALID_APP_NAME');
    expect((await install('No scopes', [])).userErrors).toEqual([expect.objectContaining({ code: 'APP_SCOPES_REQUIRED', field: ['input', 'scopes'] })]);
    // a scope outside the closed set is refused before anything runs (HTTP 400)
    await expect(ask(merchant, INSTALL, { input: { name: 'Greedy', scopes: ['write_everything'] } })).rejects.toMatchObject({
      response: { status: 400, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })] },
    });
    expect((await createKey('not-an-id')).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'appId'] })]);
    expect((await createKey(randomUUID())).userErrors[0].code).toBe('NOT_FOUND');
    expect(await rows()).toEqual(before);
  });

  it('lets the merchant manage apps and the staff only look; other stores see nothing', async () => {
    const app = (await install('Look only', [AppScope.read_orders])).app!;
    const staffInstall = await ask(staff, INSTALL, { input: { name: 'Staff app', scopes: ['read_orders'] } });
    expect(staffInstall.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ask(staff, CREATE_KEY, { input: { appId: app.id } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ask(tokenFor([Role.CUSTOMER], storeId), APPS)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ask(undefined, APPS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const listed = (await data<{ apps: { nodes: AppResult[] } }>(staff, APPS)).apps.nodes.map((node) => node.id);
    expect(listed).toContain(app.id);

    expect((await data<{ app: AppResult | null }>(otherMerchant, APP, { id: app.id })).app).toBeNull();
    expect((await data<{ apps: { totalCount: number } }>(otherMerchant, APPS)).apps.totalCount).toBe(0);
    expect((await createKey(app.id, otherMerchant)).userErrors[0].code).toBe('NOT_FOUND');
    const takeOver = await data<{ updateAppScopes: { userErrors: Errors } }>(otherMerchant, UPDATE_SCOPES, { input: { id: app.id, scopes: ['write_orders'] } });
    expect(takeOver.updateAppScopes.userErrors[0].code).toBe('NOT_FOUND');
    expect((await data<{ uninstallApp: { userErrors: Errors } }>(otherMerchant, UNINSTALL, { input: { id: app.id } })).uninstallApp.userErrors[0].code).toBe(
      'NOT_FOUND',
    );
    expect((await data<{ app: AppResult }>(merchant, APP, { id: app.id })).app).toMatchObject({ scopes: ['read_orders'], uninstalledAt: null });
  });

  it('holds at most five live keys an app, for rotation', async () => {
    const app = (await install('Rotating', [AppScope.read_orders])).app!;
    const keys = [];
    for (let index = 0; index < 5; index++) keys.push(await createKey(app.id));
    expect(keys.every((created) => created.userErrors.length === 0)).toBe(true);
    expect(new Set(keys.map((created) => created.key)).size).toBe(5);
    expect((await createKey(app.id)).userErrors).toEqual([expect.objectContaining({ code: 'API_KEY_LIMIT_REACHED' })]);
    const revoked = await data<{ revokeApiKey: { apiKey: KeyResult; userErrors: Errors } }>(merchant, REVOKE_KEY, { input: { id: keys[0].apiKey!.id } });
    expect(revoked.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    expect((await createKey(app.id)).userErrors).toEqual([]);
  });

  it('revokes a key at once: the shared cache says revoked and the gateway is told no app', async () => {
    const app = (await install('Revoked', [AppScope.read_products])).app!;
    const created = await createKey(app.id);
    const key = created.key!;
    expect((await verify(key)).app?.keyId).toBe(created.apiKey!.id);
    const revoked = await data<{ revokeApiKey: { apiKey: KeyResult; userErrors: Errors } }>(merchant, REVOKE_KEY, { input: { id: created.apiKey!.id } });
    expect(revoked.revokeApiKey.userErrors).toEqual([]);
    expect(await apps.runtime.redis.get(apiKeyCacheKey(apps.runtime.config.eventNamespace, hashApiKey(key)))).toBe(API_KEY_REVOKED);
    expect(await verify(key)).toEqual({ status: 200, app: null });
    expect(await outboxTypes(created.apiKey!.id)).toEqual(['apps.api-key-created', 'apps.api-key-revoked']);
    // a revoked key is not revoked twice, nor found by another store
    const again = await data<{ revokeApiKey: { userErrors: Errors } }>(merchant, REVOKE_KEY, { input: { id: created.apiKey!.id } });
    expect(again.revokeApiKey.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('gives the keys new scopes when they change, and revokes every key when the app is uninstalled', async () => {
    const app = (await install('Lifecycle', [AppScope.read_products])).app!;
    const first = (await createKey(app.id)).key!;
    const second = (await createKey(app.id)).key!;
    const updated = await data<{ updateAppScopes: { app: AppResult; userErrors: Errors } }>(merchant, UPDATE_SCOPES, {
      input: { id: app.id, scopes: ['read_orders', 'read_products'] },
    });
    expect(updated.updateAppScopes.app.scopes).toEqual(['read_orders', 'read_products']);
    expect((await verify(first)).app?.scopes).toEqual(['read_orders', 'read_products']);

    const uninstalled = await data<{ uninstallApp: { app: AppResult; userErrors: Errors } }>(merchant, UNINSTALL, { input: { id: app.id } });
    expect(uninstalled.uninstallApp.app).toMatchObject({ uninstalledAt: expect.any(String), apiKeys: [] });
    expect(await verify(first)).toEqual({ status: 200, app: null });
    expect(await verify(second)).toEqual({ status: 200, app: null });
    expect(await outboxTypes(app.id)).toEqual(['apps.app-installed', 'apps.app-scopes-changed', 'apps.app-uninstalled']);
    expect((await createKey(app.id)).userErrors[0].code).toBe('NOT_FOUND');
    expect((await data<{ apps: { nodes: AppResult[] } }>(merchant, APPS)).apps.nodes.map((node) => node.id)).not.toContain(app.id);
  });

  it('never lets an app manage apps or keys, whatever its scopes', async () => {
    const app = (await install('Busybody', [AppScope.read_webhooks, AppScope.write_webhooks])).app!;
    const identity: AppIdentity = { appId: app.id, keyId: randomUUID(), storeId, scopes: [AppScope.read_webhooks, AppScope.write_webhooks] };
    const asApp = { 'x-app-caller': appCallerHeader(identity) };
    for (const [query, variables] of [
      [APPS, {}],
      [APP, { id: app.id }],
      [INSTALL, { input: { name: 'Spawn', scopes: ['read_orders'] } }],
      [CREATE_KEY, { input: { appId: app.id } }],
      [UPDATE_SCOPES, { input: { id: app.id, scopes: ['write_orders'] } }],
      [UNINSTALL, { input: { id: app.id } }],
    ] as const) {
      const answer = await ask(undefined, query, variables, asApp);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: null });
    }
    expect((await data<{ app: AppResult }>(merchant, APP, { id: app.id })).app).toMatchObject({ scopes: ['read_webhooks', 'write_webhooks'], apiKeys: [] });
  });
});
