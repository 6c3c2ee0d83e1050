/**
 * Packs @ultramarket/client as npm would publish it, installs the tarball into a throwaway consumer
 * project without the network (extracted into its node_modules; graphql, graphql-request, graphql-ws
 * and @graphql-typed-document-node/core linked from the repo's, as an install would resolve them),
 * compiles a consumer with the repo's tsc (strict, nodenext, no Node types) and runs it against a
 * stand-in gateway: an HTTP + graphql-ws server over schema/api.graphql that records what it is sent.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '../../..');
const packageDir = path.resolve(__dirname, '..');
const LINKED_DEPENDENCIES = ['graphql', 'graphql-request', 'graphql-ws', '@graphql-typed-document-node/core'];

const STORE_ID = '6f1c1b6e-2f7e-4a43-9b0e-0c6a3b0f5a11';
const PRODUCT_ID = 'b0e3d1f2-7c55-4d6e-8a44-2a1f4f0d9c01';
const ORDER_ID = 'e2a9c7d4-1b3f-4c8e-9d5a-6f7b8c9d0e12';
const TOKEN = 'consumer-token';

const product = {
  id: PRODUCT_ID,
  storeId: STORE_ID,
  title: 'Walnut desk',
  handle: 'walnut-desk',
  status: 'ACTIVE',
  category: 'furniture',
  price: { amount: 45000, currencyCode: 'EUR' },
  description: 'Solid walnut',
  imageUrl: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  stock: 7,
  inStock: true,
  inventory: null,
};

/** The gateway's two doors (POST /graphql, graphql-ws on /graphql), each remembering what callers sent. */
function standInGateway(schema: GraphQLSchema) {
  const seen = { httpHeaders: [] as IncomingHttpHeaders[], connectionParams: [] as unknown[] };
  const rootValue = {
    product: () => product,
    products: () => ({
      totalCount: 1,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: 'a', endCursor: 'a' },
      edges: [{ cursor: 'a', node: product }],
      nodes: [product],
    }),
  };
  const subscriptionRoot = {
    async *orderStatusChanged({ orderId }: { orderId: string }) {
      yield { orderStatusChanged: { id: orderId, status: 'CONFIRMED', statusHistory: [{ status: 'CONFIRMED' }], lineItems: [] } };
    },
    notificationAdded: () => {
      throw new GraphQLError('Sign in to follow notifications', { extensions: { code: 'UNAUTHENTICATED' } });
    },
    async *stockChanged({ productId }: { productId: string }) {
      yield { stockChanged: { ...product, id: productId, stock: 6 } };
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      seen.httpHeaders.push(req.headers);
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      const result = await graphql({ schema, source: query, variableValues: variables, rootValue });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  const sockets = new WebSocketServer({ server, path: '/graphql' });
  const cleanup = useServer(
    {
      schema,
      roots: { subscription: subscriptionRoot },
      onConnect: (ctx) => {
        seen.connectionParams.push(ctx.connectionParams);
        return true;
      },
    },
    sockets,
  );
  return {
    seen,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: async () => {
      await cleanup.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('@ultramarket/client as a consumer installs it', () => {
  let workDir: string;
  let consumerDir: string;
  let packedFiles: string[];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'ultramarket-client-'));
    // `npm pack` runs the package's prepack script, so the tarball holds a fresh build
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: packageDir });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packedFiles = packed!.files.map((file) => file.path);

    consumerDir = path.join(workDir, 'consumer');
    const installed = path.join(consumerDir, 'node_modules', '@ultramarket', 'client');
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', path.join(workDir, path.basename(packed!.filename)), '-C', installed, '--strip-components=1']);
    for (const dependency of LINKED_DEPENDENCIES) {
      mkdirSync(path.dirname(path.join(consumerDir, 'node_modules', dependency)), { recursive: true });
      symlinkSync(path.join(repo, 'node_modules', dependency), path.join(consumerDir, 'node_modules', dependency), 'dir');
    }
    writeFileSync(path.join(consumerDir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const compilerOptions = {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      types: [],
      outDir: 'out',
    };
    writeFileSync(path.join(consumerDir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.ts'] }));
    writeFileSync(
      path.join(consumerDir, 'tsconfig.misuse.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: ['misuse.ts'] }),
    );
    for (const file of ['main.ts', 'misuse.ts']) writeFileSync(path.join(consumerDir, file), readFileSync(path.join(__dirname, 'consumer', file)));
  }, 120_000);

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('packs compiled JavaScript and declarations only, as a public MIT package', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/subscriptions.js', 'dist/documents.d.ts']),
    );
    expect(packedFiles.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    expect(packedFiles.filter((file) => !['package.json', 'README.md'].includes(file) && !file.startsWith('dist/'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(consumerDir, 'node_modules/@ultramarket/client/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@ultramarket/client', license: 'MIT', files: ['dist'] });
    expect(manifest.private).toBeUndefined();
  });

  it('compiles a strict consumer without diagnostics, its @ts-expect-error lines all needed', async () => {
    const { stdout } = await run(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: consumerDir });
    expect(stdout).toBe('');
  }, 60_000);

  it('rejects a consumer that misreads a result type', async () => {
    const failure = await run(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.misuse.json'], { cwd: consumerDir }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toMatch(/misuse\.ts\(5,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
  }, 60_000);

  it('queries and subscribes through the compiled consumer, sending the token and store the gateway reads', async () => {
    const gateway = standInGateway(buildSchema(readFileSync(path.join(repo, 'schema/api.graphql'), 'utf8')));
    const port = await gateway.listen();
    try {
      const args = [`http://127.0.0.1:${port}/graphql`, `ws://127.0.0.1:${port}/graphql`, STORE_ID, TOKEN, PRODUCT_ID, ORDER_ID];
      const { stdout } = await run(process.execPath, ['out/main.js', ...args], { cwd: consumerDir, timeout: 30_000 });
      expect(JSON.parse(stdout)).toEqual({
        title: 'Walnut desk',
        firstStock: 7,
        priceAsNumber: { amount: 45000, currencyCode: 'EUR' },
        status: 'CONFIRMED',
        stock: 6,
        refusal: { isSubscriptionError: true, name: 'SubscriptionError', message: 'Sign in to follow notifications', code: 'UNAUTHENTICATED' },
      });
      expect(gateway.seen.httpHeaders[0]).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-store-id': STORE_ID });
      // subscription-server.ts reads these keys case-insensitively; browsers cannot set headers on a WebSocket
      // (graphql-ws is lazy: a socket with no subscription left closes, and the next one opens another)
      expect(gateway.seen.connectionParams.length).toBeGreaterThanOrEqual(1);
      for (const params of gateway.seen.connectionParams) expect(params).toEqual({ Authorization: `Bearer ${TOKEN}`, 'X-Store-Id': STORE_ID });
    } finally {
      await gateway.close();
    }
  }, 60_000);
});
