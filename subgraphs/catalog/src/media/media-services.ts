import type { MediaConfig } from './media.config';
import type { MediaStorage } from './storage/media-storage';
import { LocalDiskStorage } from './storage/local-disk-storage';
import { S3Storage } from './storage/s3-storage';

/**
 * The media configuration and storage, bound when the subgraph starts (its environment is known
 * then); resolvers and HTTP routes are built before that and reach them through this holder.
 */
export class MediaServices {
  private bound: { config: MediaConfig; storage: MediaStorage } | null = null;

  bind(config: MediaConfig, storage: MediaStorage = createMediaStorage(config)): void {
    this.bound = { config, storage };
  }

  get config(): MediaConfig {
    return this.use().config;
  }

  get storage(): MediaStorage {
    return this.use().storage;
  }

  /** The local adapter, whose upload and serving routes catalog answers; null with S3. */
  get localStorage(): LocalDiskStorage | null {
    const { storage } = this.use();
    return storage instanceof LocalDiskStorage ? storage : null;
  }

  private use(): { config: MediaConfig; storage: MediaStorage } {
    if (!this.bound) throw new Error('Media services are used before the catalog subgraph started');
    return this.bound;
  }
}

export function createMediaStorage(config: MediaConfig): MediaStorage {
  if (config.s3) return new S3Storage(config.s3);
  if (!config.local) throw new Error('Media storage has neither a local directory nor S3 settings');
  return new LocalDiskStorage(config.local.dir, config.local.publicUrl, config.local.signingSecret);
}
