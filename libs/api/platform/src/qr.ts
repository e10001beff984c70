/** `@foyer/api/platform/qr`: QR codes as SVG and PNG. */
export * from './lib/qr/qr-code';
