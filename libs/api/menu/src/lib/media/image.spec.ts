import sharp from 'sharp';
import { DomainError } from '@foyer/api/platform/errors';
import { MAX_OUTPUT_SIDE, processImage, sniffImage } from './image';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3a6' } });

async function refusal(
  data: Buffer,
): Promise<{ status: number; code: string }> {
  try {
    await processImage(data);
  } catch (error) {
    if (error instanceof DomainError)
      return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('accepted');
}

describe('sniffImage', () => {
  it('knows JPEG, PNG and WebP by their first bytes', async () => {
    expect(sniffImage(await solid(2, 2).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImage(await solid(2, 2).png().toBuffer())).toBe('png');
    expect(sniffImage(await solid(2, 2).webp().toBuffer())).toBe('webp');
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['GIF', Buffer.from('GIF89a')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['RIFF that is not WebP', Buffer.from('RIFF\0\0\0\0WAVEfmt ')],
    ['a short JPEG prefix', Buffer.from([0xff, 0xd8])],
  ])('refuses %s', (_label, data) => {
    expect(sniffImage(data)).toBeNull();
  });
});

describe('processImage', () => {
  it('turns the picture upright, strips EXIF and writes WebP', async () => {
    const input = await solid(40, 20)
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Artist: 'Somebody' } } })
      .toBuffer();
    const out = await processImage(input);
    const meta = await sharp(out.data).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 20, height: 40 });
    expect(meta.exif).toBeUndefined();
    expect(out.data.includes(Buffer.from('Somebody'))).toBe(false);
  });

  it('shrinks large pictures to the output size', async () => {
    const out = await processImage(await solid(4000, 1000).png().toBuffer());
    expect([out.width, out.height]).toEqual([MAX_OUTPUT_SIDE, 400]);
  });

  it('refuses a pixel flood before decoding it', async () => {
    expect(
      await refusal(
        await solid(6000, 5000).png({ compressionLevel: 9 }).toBuffer(),
      ),
    ).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  }, 30_000);

  it('refuses content whose decoder disagrees with its magic bytes', async () => {
    const png = await solid(4, 4).png().toBuffer();
    const lying = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), png]);
    expect(await refusal(lying)).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });
});
