/** One jest run over every package; each suite creates its own databases and event namespace. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/schema', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleNameMapper: {
    '^@ultramarket/kit$': '<rootDir>/subgraphs/kit/src/index.ts',
  },
  setupFiles: ['<rootDir>/scripts/jest-setup.js'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  testTimeout: 60000,
};
