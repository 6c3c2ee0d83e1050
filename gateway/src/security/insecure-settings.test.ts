import { insecureSettings, type SecurityRelevantConfig } from './insecure-settings';

const production: SecurityRelevantConfig = {
  kit: { isProduction: true, auth: { privateKeyPem: undefined, keysDir: undefined } },
  introspection: false,
  fieldSuggestions: false,
  explorer: false,
  corsOrigins: ['https://shop.example.com'],
};

describe('insecureSettings', () => {
  it('finds nothing in a production configuration that keeps the defaults', () => {
    expect(insecureSettings(production)).toEqual([]);
  });

  it('names every insecure setting still on in production, one line each', () => {
    const lines = insecureSettings({
      ...production,
      kit: { isProduction: true, auth: { privateKeyPem: '-----BEGIN PRIVATE KEY-----', keysDir: '/keys' } },
      introspection: true,
      fieldSuggestions: true,
      explorer: true,
      corsOrigins: ['*'],
    });
    expect(lines.map((line) => line.split(/[=: ]/)[0])).toEqual([
      'GRAPHQL_INTROSPECTION',
      'GRAPHQL_FIELD_SUGGESTIONS',
      'EXPLORER',
      'CORS_ORIGINS',
      'JWT_PRIVATE_KEY',
      'JWT_KEYS_DIR',
    ]);
  });

  it('says once that development defaults are on outside production', () => {
    expect(insecureSettings({ ...production, kit: { ...production.kit, isProduction: false }, introspection: true })).toEqual([
      expect.stringContaining('NODE_ENV is not production'),
    ]);
  });
});
