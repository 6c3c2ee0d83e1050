/**
 * One jest configuration over every package, in two projects: `e2e` (gateway/test/*.e2e.test.ts, each
 * suite starts a whole stack of separate processes) and `unit-integration` (everything else, in this
 * process: unit tests, and integration tests that start a subgraph in process). Each suite creates its
 * own databases and event namespace, so the two projects can run side by side: `npm test` runs them as
 * two concurrent jest runs, each in band (scripts/test.js); `npx jest` runs both, one after the other.
 */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/schema', '<rootDir>/scripts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleNameMapper: {
    '^@ultramarket/kit$': '<rootDir>/subgraphs/kit/src/index.ts',
  },
  setupFiles: ['<rootDir>/scripts/jest-setup.js'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit-integration',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.test.ts'],
      // suites run in band share stacks of the same settings (scripts/lib/stack-pool.js)
      globalSetup: '<rootDir>/scripts/jest-e2e-setup.js',
      globalTeardown: '<rootDir>/scripts/jest-e2e-teardown.js',
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
  ],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  testTimeout: 60000,
};
