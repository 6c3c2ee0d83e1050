import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@ultramarket/kit';
import { DEFAULT_MEDIA_MAX_BYTES, loadMediaConfig } from './media.config';

describe('loadMediaConfig', () => {
  const keysDir = mkdtempSync(path.join(tmpdir(), 'media-keys-'));
  afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

  it('defaults to local storage under ./var/media, 10 MiB, 15 minutes, with a development signing secret', () => {
    const config = loadMediaConfig({}, { isProduction: false, keysDir });
    expect(config).toMatchObject({ storage: 'local', maxBytes: DEFAULT_MEDIA_MAX_BYTES, uploadTtlMs: 15 * 60_000, s3: null });
    expect(config.local).toMatchObject({ dir: path.resolve('var/media'), publicUrl: 'http://localhost:4000/media' });
    expect(config.local!.signingSecret).toHaveLength(32);
    // generated once, the same for every process
    expect(loadMediaConfig({}, { isProduction: false, keysDir }).local!.signingSecret.equals(config.local!.signingSecret)).toBe(true);
  });

  it('refuses to start in production without CATALOG_MEDIA_SIGNING_SECRET, and takes a 32-byte base64 one', () => {
    expect(() => loadMediaConfig({}, { isProduction: true, keysDir })).toThrow(ConfigError);
    expect(() => loadMediaConfig({}, { isProduction: true, keysDir })).toThrow(/CATALOG_MEDIA_SIGNING_SECRET is required in production/);
    expect(() => loadMediaConfig({ CATALOG_MEDIA_SIGNING_SECRET: 'short' }, { isProduction: true, keysDir })).toThrow(/32 bytes in base64/);
    const secret = Buffer.alloc(32, 1).toString('base64');
    expect(loadMediaConfig({ CATALOG_MEDIA_SIGNING_SECRET: secret }, { isProduction: true, keysDir }).local!.signingSecret.toString('base64')).toBe(secret);
  });

  it('needs every S3 setting with CATALOG_MEDIA_STORAGE=s3', () => {
    const s3 = {
      CATALOG_MEDIA_STORAGE: 's3',
      CATALOG_MEDIA_S3_ENDPOINT: 'http://minio:9000/',
      CATALOG_MEDIA_S3_BUCKET: 'media',
      CATALOG_MEDIA_S3_ACCESS_KEY_ID: 'id',
      CATALOG_MEDIA_S3_SECRET_ACCESS_KEY: 'secret',
      CATALOG_MEDIA_S3_PUBLIC_URL: 'https://cdn.example.com/media/',
    };
    expect(loadMediaConfig(s3, { isProduction: true, keysDir })).toMatchObject({
      local: null,
      s3: { endpoint: 'http://minio:9000', bucket: 'media', region: 'us-east-1', publicUrl: 'https://cdn.example.com/media' },
    });
    for (const name of Object.keys(s3).filter((key) => key !== 'CATALOG_MEDIA_STORAGE')) {
      expect(() => loadMediaConfig({ ...s3, [name]: '' }, { isProduction: true, keysDir })).toThrow(new RegExp(name));
    }
    expect(() => loadMediaConfig({ ...s3, CATALOG_MEDIA_S3_BUCKET: '../etc' }, { isProduction: true, keysDir })).toThrow(/bucket name/);
  });
});
