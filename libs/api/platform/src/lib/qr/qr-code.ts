import { toBuffer } from 'qrcode';

/**
 * A QR code as PNG for email (mail clients block SVG and data: URLs): level M survives a
 * scratched phone screen, 320 px with a four-module quiet zone scans from a phone.
 */
export function qrPng(text: string): Promise<Buffer> {
  return toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    width: 320,
  });
}
