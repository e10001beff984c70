import { toString } from 'qrcode';

/**
 * The ticket page's QR: an SVG of the opaque check-in token and nothing else (the email
 * carries the same code as PNG, rendered by the worker). Level M survives a scratched
 * phone screen.
 */
export function ticketQrSvg(token: string): Promise<string> {
  return toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
