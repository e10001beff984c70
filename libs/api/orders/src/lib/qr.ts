import { escapeHtml } from '@foyer/api/platform/mail';
import { createHash } from 'node:crypto';

export function tableUrl(siteBaseUrl: string, code: string): string {
  return `${siteBaseUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(code)}`;
}

const SHEET_STYLE =
  'body{font-family:system-ui,sans-serif;margin:0}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(6.5cm,1fr));gap:1cm;padding:1cm}' +
  'figure{margin:0;padding:.5cm;border:1px dashed #999;text-align:center;break-inside:avoid}figure svg{width:5cm;height:5cm}' +
  'figcaption{font-size:1.2rem;font-weight:600;margin-top:.3cm}p{font-size:.8rem;color:#444;margin:.2cm 0 0}';

/** The CSP of the sheet: nothing but its own stylesheet, by hash. */
export const SHEET_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(SHEET_STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/** A printable page with one QR per table; every label is escaped, the QR SVGs come from qrcode. */
export function qrSheet(
  venueName: string,
  tables: { label: string; svg: string }[],
): string {
  const cards = tables
    .map(
      (t) =>
        `<figure>${t.svg}<figcaption>${escapeHtml(t.label)}</figcaption><p>Scan to order</p></figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(venueName)} – table QR codes</title>
<style>${SHEET_STYLE}</style></head>
<body><main>
${cards}
</main></body></html>`;
}
