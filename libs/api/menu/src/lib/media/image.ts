import sharp, { Metadata } from 'sharp';
import { ErrorCode } from '@foyer/contracts';
import { DomainError } from '@foyer/api/platform/errors';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Decoding cost grows with pixels, not bytes: a few KB of PNG can declare 100 megapixels. */
export const MAX_IMAGE_PIXELS = 24_000_000;
/** The stored image's longest side; menu photos need no more. */
export const MAX_OUTPUT_SIDE = 1600;

export type SniffedImage = 'jpeg' | 'png' | 'webp';

/** The image type by content (magic bytes) only: names and declared types are the client's word. */
export function sniffImage(data: Buffer): SniffedImage | null {
  if (
    data.length >= 3 &&
    data[0] === 0xff &&
    data[1] === 0xd8 &&
    data[2] === 0xff
  ) {
    return 'jpeg';
  }
  if (
    data.length >= 8 &&
    data
      .subarray(0, 8)
      .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'png';
  }
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
}

export interface ProcessedImage {
  data: Buffer;
  contentType: 'image/webp';
  extension: 'webp';
  width: number;
  height: number;
}

const unsupported = () =>
  new DomainError(
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    'Upload a JPEG, PNG or WebP image.',
  );
const tooManyPixels = () =>
  new DomainError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The image has more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels.`,
  );

/**
 * Checks an upload by content and re-encodes it: the decoder must agree with the magic
 * bytes, the declared size must stay under the pixel cap before anything is decoded,
 * the picture is turned upright by its EXIF orientation and written as a fresh WebP, which
 * carries none of the original's metadata (EXIF, GPS, XMP, ICC comments, trailing bytes).
 */
export async function processImage(data: Buffer): Promise<ProcessedImage> {
  const sniffed = sniffImage(data);
  if (sniffed === null || data.length > MAX_IMAGE_BYTES) {
    throw data.length > MAX_IMAGE_BYTES
      ? new DomainError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          'Images are limited to 2 MiB.',
        )
      : unsupported();
  }
  const options = {
    limitInputPixels: MAX_IMAGE_PIXELS,
    failOn: 'error' as const,
    animated: false,
  };
  let meta: Metadata;
  try {
    meta = await sharp(data, options).metadata();
  } catch (error) {
    throw refusal(error);
  }
  if (meta.format !== sniffed || !meta.width || !meta.height) {
    throw unsupported();
  }
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) {
    throw tooManyPixels();
  }
  try {
    const { data: out, info } = await sharp(data, options)
      .rotate()
      .resize({
        width: MAX_OUTPUT_SIDE,
        height: MAX_OUTPUT_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return {
      data: out,
      contentType: 'image/webp',
      extension: 'webp',
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    throw refusal(error);
  }
}

/** sharp refuses over-limit images by message; anything else it cannot decode is not a supported image. */
const refusal = (error: unknown): DomainError =>
  error instanceof Error && /pixel limit/i.test(error.message)
    ? tooManyPixels()
    : unsupported();
