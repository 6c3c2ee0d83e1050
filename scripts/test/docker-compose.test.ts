import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { sourceFiles, variablesReadIn } from './support/env-variables';

/**
 * No Docker engine runs the tests, so docker-compose.yml is checked against the code instead: every
 * service, every port and every environment variable the code reads must be there. The variable
 * names are read FROM THE SOURCES (envReader calls and process.env uses), so a new variable
 * without a compose entry fails here.
 */
const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  ports?: (string | number | { target: number; published?: number | string })[];
  expose?: (string | number)[];
  networks?: string[] | Record<string, unknown>;
  environment?: Record<string, string | number | boolean | null> | string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };

// ---------------------------------------------------------------------------------------------
// What the code says: services, ports, variables
// ---------------------------------------------------------------------------------------------

/** Every subgraph with a `src/main.ts` is a service, on the `defaultPort` of its definition. */
const subgraphs = readdirSync(path.join(root, 'subgraphs'))
  .filter((dir) => existsSync(path.join(root, 'subgraphs', dir, 'src', 'main.ts')))
  .sort()
  .map((name) => {
    const ports = sourceFiles(`subgraphs/${name}/src`).flatMap((file) => [...read(file).matchAll(/\bdefaultPort:\s*(\d+)/g)].map(([, port]) => Number(port)));
    return { name, port: ports.length === 1 ? ports[0] : NaN };
  });
const gatewayConfig = read('gateway/src/gateway-config.ts');
const gatewayPort = Number(/loadKitConfig\('gateway',\s*(\d+)/.exec(gatewayConfig)?.[1]);
const appServices = [
  ...subgraphs.map(({ name, port }) => ({ name, port, entry: `subgraphs/${name}/dist/main.js` })),
  { name: 'gateway', port: gatewayPort, entry: 'gateway/dist/main.js' },
];

/** service → variable → where the code reads it. The kit's variables are read by every service. */
function variablesByService(): Map<string, Map<string, string>> {
  const kit = variablesReadIn('subgraphs/kit/src');
  return new Map(
    appServices.map(({ name }) => {
      const own = variablesReadIn(name === 'gateway' ? 'gateway/src' : `subgraphs/${name}/src`);
      return [name, new Map([...kit, ...own])];
    }),
  );
}

/** The `<NAME>_URL` variables through which the gateway reaches its subgraphs. */
const gatewayUrlVariables = () =>
  [...variablesReadIn('gateway/src').keys()].filter((name) => /^[A-Z0-9_]+_URL$/.test(name) && !['REDIS_URL', 'NATS_URL'].includes(name));

// ---------------------------------------------------------------------------------------------
// What docker-compose.yml says
// ---------------------------------------------------------------------------------------------

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** `[published, container]` pairs of a service's ports. */
function portsOf(service: ComposeService): [number | null, number][] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return [port.published === undefined ? null : Number(port.published), Number(port.target)];
    const parts = String(port)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const container = Number(parts[parts.length - 1]);
    return [parts.length > 1 ? Number(parts[parts.length - 2]) : null, container];
  });
}

const networksOf = (service: ComposeService) => (Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {})).sort();

const commandOf = (service: ComposeService) => (Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? ''));

// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('finds the services and variables in the code (sanity check of this test)', () => {
    expect(subgraphs.map(({ name }) => name)).toEqual(expect.arrayContaining(['catalog', 'inventory']));
    // one `defaultPort` per subgraph, one port for the gateway
    for (const { name, port } of appServices) expect({ name, hasPort: Number.isInteger(port) && port > 0 }).toEqual({ name, hasPort: true });
    const byService = variablesByService();
    for (const { name } of appServices) expect(byService.get(name)?.size).toBeGreaterThan(10);
    // the gateway reaches each subgraph through `<NAME>_URL`, one per entry of its SUBGRAPHS list
    expect(gatewayUrlVariables().length).toBeGreaterThanOrEqual(2);
  });

  it('has PostgreSQL, Redis and NATS with JetStream on the ports the code defaults to', () => {
    const kitConfig = read('subgraphs/kit/src/config/kit-config.ts');
    const defaultPort = (pattern: RegExp) => Number(pattern.exec(kitConfig)?.[1]);
    const infra = {
      postgres: defaultPort(/'DATABASE_PORT',\s*(\d+)/),
      redis: defaultPort(/'REDIS_URL',\s*'redis:\/\/[^:']+:(\d+)'/),
      nats: defaultPort(/'NATS_URL',\s*'nats:\/\/[^:']+:(\d+)'/),
    };
    for (const [name, port] of Object.entries(infra)) {
      expect(port).toBeGreaterThan(0);
      const service = compose.services[name];
      expect(service).toBeDefined();
      expect(service.image).toBeTruthy();
      expect(portsOf(service)).toContainEqual([port, port]);
    }
    expect(commandOf(compose.services.nats)).toMatch(/(^|\s)-js(\s|$)/);
  });

  it.each(appServices.map((service) => [service.name, service]))('runs %s from the root Dockerfile on its port', (_name, { name, port, entry }) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(service.build).toBeDefined();
    expect(commandOf(service)).toContain(entry);
    expect(existsSync(path.join(root, entry.replace(/^(.*)\/dist\/main\.js$/, '$1/src/main.ts')))).toBe(true);
    if (name === 'gateway') expect(portsOf(service)).toContainEqual([port, port]);
    else expect((service.expose ?? []).map(Number)).toContain(port);
    expect(environmentOf(service).PORT).toBe(String(port));
  });

  it('publishes only the gateway: subgraphs are on the backend network alone, the gateway on the edge too', () => {
    expect(portsOf(compose.services.gateway)).toEqual([[gatewayPort, gatewayPort]]);
    expect(networksOf(compose.services.gateway)).toEqual(['backend', 'edge']);
    for (const { name } of subgraphs) {
      expect([name, portsOf(compose.services[name])]).toEqual([name, []]);
      expect([name, networksOf(compose.services[name])]).toEqual([name, ['backend']]);
    }
    // the servers the subgraphs use are on their network (and publish on the host's loopback only, for development)
    for (const name of ['postgres', 'redis', 'nats']) {
      expect([name, networksOf(compose.services[name])]).toEqual([name, ['backend']]);
      for (const port of compose.services[name].ports ?? []) expect(String(port)).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('gives every service the one SUBGRAPH_SIGNING_SECRET the gateway signs with', () => {
    const values = appServices.map(({ name }) => environmentOf(compose.services[name]).SUBGRAPH_SIGNING_SECRET);
    expect(values[0]).toMatch(/^\$\{SUBGRAPH_SIGNING_SECRET(:[-?].*)?\}$/);
    expect(new Set(values).size).toBe(1);
  });

  it.each(appServices.map(({ name }) => [name]))('gives %s every environment variable its code reads', (name) => {
    const env = environmentOf(compose.services[name]);
    const missing = [...(variablesByService().get(name) ?? [])]
      .filter(([variable]) => !(variable in env))
      .map(([variable, where]) => `${variable} (read at ${where})`);
    expect(missing).toEqual([]);
  });

  it('connects the services to each other and keeps the gateway offline', () => {
    const gateway = environmentOf(compose.services.gateway);
    expect(gateway.APOLLO_TELEMETRY_DISABLED).toBe('true');
    for (const variable of gatewayUrlVariables()) {
      const subgraph = subgraphs.find(({ name }) => `${name.toUpperCase().replace(/-/g, '_')}_URL` === variable);
      expect([variable, subgraph && gateway[variable]]).toEqual([variable, subgraph && `http://${subgraph.name}:${subgraph.port}/graphql`]);
    }
    for (const { name } of subgraphs) {
      const env = environmentOf(compose.services[name]);
      expect(env.DATABASE_NAME).toBe(`ultramarket_${name}`);
      expect(env.DATABASE_HOST).toBe('postgres');
      expect(env.REDIS_URL).toMatch(/^redis:\/\/redis:/);
      expect(env.NATS_URL).toMatch(/^nats:\/\/nats:/);
    }
  });

  it('builds every workspace in the Dockerfile', () => {
    const dockerfile = read('Dockerfile');
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    for (const workspace of workspaces) expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    for (const dir of ['subgraphs/kit', ...appServices.map(({ entry }) => entry.replace(/\/dist\/main\.js$/, ''))]) {
      expect(dockerfile).toContain(`COPY --from=build /app/${dir}/dist ${dir}/dist`);
    }
  });
});
