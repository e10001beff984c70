import { toBuffer, toString } from 'qrcode';

/**
 * QR codes for tickets and tables, one place for the settings: level M survives a
 * scratched phone screen or a wine stain on a table card.
 */

/** For pages and print: an SVG that scales to any size. */
export function qrSvg(text: string): Promise<string> {
  return toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * For email (mail clients block SVG and data: URLs) and downloads: a PNG with a
 * four-module quiet zone, 320 px by default, big enough to scan from a phone.
 */
export function qrPng(text: string, width = 320): Promise<Buffer> {
  return toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    width,
  });
}
