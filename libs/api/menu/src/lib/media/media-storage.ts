import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MEDIA_KEY } from './media-url';

export interface StoredMedia {
  data: Buffer;
  contentType: string;
}

/**
 * Where image bytes live. The database keeps only the key; swapping local disk for an
 * object store means one new implementation of this class.
 */
export abstract class MediaStorage {
  abstract put(key: string, data: Buffer): Promise<void>;
  abstract get(key: string): Promise<StoredMedia | null>;
  abstract delete(key: string): Promise<void>;
}

/** A fresh key with 144 random bits, so keys cannot be guessed or enumerated. */
export function newMediaKey(extension: 'webp' | 'jpg'): string {
  return `${randomBytes(18).toString('base64url')}.${extension}`;
}

export const contentTypeOf = (key: string): string =>
  key.endsWith('.jpg') ? 'image/jpeg' : 'image/webp';

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
