import {
  BinaryBitmap,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import sharp from 'sharp';
import { qrPng, qrSvg } from './qr-code';

/** Reads a PNG back the way a door scanner would. */
async function decode(png: Buffer): Promise<string> {
  const { data, info } = await sharp(png)
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const luminance = new Uint8ClampedArray(
    data.buffer,
    data.byteOffset,
    data.length,
  );
  const source = new RGBLuminanceSource(luminance, info.width, info.height);
  return new QRCodeReader()
    .decode(new BinaryBitmap(new HybridBinarizer(source)))
    .getText();
}

describe('QR codes', () => {
  it('renders a PNG big enough to scan that decodes to exactly the text', async () => {
    const token = 'Qm9va2luZy10b2tlbi1mb3ItdGhlLWRvb3ItMjU2LWJpdHM';
    const png = await qrPng(token);
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect((await sharp(png).metadata()).width).toBeGreaterThanOrEqual(300);
    expect(await decode(png)).toBe(token);
  });

  it('renders an SVG for pages and print', async () => {
    const svg = await qrSvg('https://foyer.example/t/code');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });
});
