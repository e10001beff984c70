import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MediaStorage, StoredMedia, contentTypeOf } from './media-storage';
import { MEDIA_KEY } from './media-url';

function checked(key: string): string {
  if (!MEDIA_KEY.test(key)) {
    throw new Error('not a media key');
  }
  return key;
}

/** Files in MEDIA_STORAGE_DIR, named by key only (the key pattern admits no separator or dot-dot). */
@Injectable()
export class LocalDiskMediaStorage extends MediaStorage {
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.dir = resolve(config.MEDIA_STORAGE_DIR);
  }

  async put(key: string, data: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(join(this.dir, checked(key)), data, {
      flag: 'wx',
      mode: 0o600,
    });
  }

  async get(key: string): Promise<StoredMedia | null> {
    try {
      return {
        data: await readFile(join(this.dir, checked(key))),
        contentType: contentTypeOf(key),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.dir, checked(key)), { force: true });
  }
}
