import { qrImageUrl } from './qr-image';

describe('qrImageUrl', () => {
  it('turns SVG markup into an encoded data: URL', () => {
    const url = qrImageUrl(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h1"/></svg>',
    );
    expect(url).toMatch(
      /^data:image\/svg\+xml;charset=utf-8,%3Csvg%20xmlns%3D/,
    );
    expect(url).not.toMatch(/[<>"]/);
  });

  it('refuses anything that is not an SVG document', () => {
    expect(qrImageUrl('<img src=x onerror=alert(1)>')).toBeNull();
    expect(qrImageUrl('javascript:alert(1)')).toBeNull();
    expect(qrImageUrl(undefined)).toBeNull();
    expect(qrImageUrl(`<svg>${'x'.repeat(100_001)}</svg>`)).toBeNull();
  });
});
