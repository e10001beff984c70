import { randomBytes } from 'node:crypto';

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
