import path from 'node:path';
import { ConfigError, envReader, loadSymmetricKey, type Env } from '@ultramarket/kit';

export interface S3MediaConfig {
  /** Service endpoint, e.g. `https://s3.eu-west-1.amazonaws.com` or a MinIO address; objects are addressed path-style under it. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where shoppers fetch objects (a CDN or the bucket's public address); `<publicUrl>/<key>`. */
  publicUrl: string;
}

/** What catalog's media reads from its environment (CATALOG_MEDIA_*; docs/configuration.md). */
export interface MediaConfig {
  storage: 'local' | 's3';
  /** Largest image accepted, in bytes (CATALOG_MEDIA_MAX_BYTES, default 10 MiB). */
  maxBytes: number;
  /** How long an upload target stays valid (CATALOG_MEDIA_UPLOAD_TTL, default 15 minutes). */
  uploadTtlMs: number;
  local: {
    /** Where the local adapter keeps objects (CATALOG_MEDIA_DIR, default ./var/media). */
    dir: string;
    /** The gateway's media address that clients use (CATALOG_MEDIA_PUBLIC_URL, default http://localhost:4000/media). */
    publicUrl: string;
    /** Signs local upload tokens (CATALOG_MEDIA_SIGNING_SECRET). */
    signingSecret: Buffer;
  } | null;
  s3: S3MediaConfig | null;
}

export const DEFAULT_MEDIA_MAX_BYTES = 10 * 1024 * 1024;
const SIGNING_SECRET_FILE = 'catalog-media-signing.key';

export function loadMediaConfig(env: Env, options: { isProduction: boolean; keysDir?: string }): MediaConfig {
  const read = envReader(env);
  const storage = read.oneOf('CATALOG_MEDIA_STORAGE', ['local', 's3'] as const, 'local');
  const common = {
    storage,
    maxBytes: read.int('CATALOG_MEDIA_MAX_BYTES', DEFAULT_MEDIA_MAX_BYTES, { min: 1024, max: 1024 * 1024 * 1024 }),
    uploadTtlMs: read.duration('CATALOG_MEDIA_UPLOAD_TTL', 15 * 60_000, { min: 10_000, max: 7 * 86_400_000 }),
  };
  if (storage === 's3') return { ...common, local: null, s3: readS3Config(env) };
  return {
    ...common,
    s3: null,
    local: {
      dir: path.resolve(read.string('CATALOG_MEDIA_DIR', './var/media')),
      publicUrl: trimSlash(read.url('CATALOG_MEDIA_PUBLIC_URL', 'http://localhost:4000/media', ['http', 'https'])),
      // required in production (a ConfigError at start); generated once beside the dev keys otherwise
      signingSecret: loadSymmetricKey({
        variable: 'CATALOG_MEDIA_SIGNING_SECRET',
        configured: read.optionalString('CATALOG_MEDIA_SIGNING_SECRET'),
        isProduction: options.isProduction,
        developmentFile: SIGNING_SECRET_FILE,
        keysDir: options.keysDir,
      }),
    },
  };
}

function readS3Config(env: Env): S3MediaConfig {
  const read = envReader(env);
  // each variable named literally in its read, so the configuration tests find it
  const required = (name: string, value: string | undefined): string => {
    if (value === undefined) throw new ConfigError(name, 'is required with CATALOG_MEDIA_STORAGE=s3');
    return value;
  };
  required('CATALOG_MEDIA_S3_ENDPOINT', read.optionalString('CATALOG_MEDIA_S3_ENDPOINT'));
  const bucket = required('CATALOG_MEDIA_S3_BUCKET', read.optionalString('CATALOG_MEDIA_S3_BUCKET'));
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('CATALOG_MEDIA_S3_BUCKET', `must be an S3 bucket name, got "${bucket}"`);
  required('CATALOG_MEDIA_S3_PUBLIC_URL', read.optionalString('CATALOG_MEDIA_S3_PUBLIC_URL'));
  return {
    endpoint: trimSlash(read.url('CATALOG_MEDIA_S3_ENDPOINT', '', ['http', 'https'])),
    bucket,
    region: read.string('CATALOG_MEDIA_S3_REGION', 'us-east-1'),
    accessKeyId: required('CATALOG_MEDIA_S3_ACCESS_KEY_ID', read.optionalString('CATALOG_MEDIA_S3_ACCESS_KEY_ID')),
    secretAccessKey: required('CATALOG_MEDIA_S3_SECRET_ACCESS_KEY', read.optionalString('CATALOG_MEDIA_S3_SECRET_ACCESS_KEY')),
    publicUrl: trimSlash(read.url('CATALOG_MEDIA_S3_PUBLIC_URL', '', ['http', 'https'])),
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
