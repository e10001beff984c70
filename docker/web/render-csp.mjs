// Renders the web image's nginx template with the hashes of every inline <script> in the
// built index.html, so the CSP header allows exactly the inline scripts Angular emitted
// (autoCsp's loader and its critical-CSS media switcher) and nothing else.
// Usage: node render-csp.mjs <index.html> <template in> <template out>
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const [indexPath, templateIn, templateOut] = process.argv.slice(2);
if (!indexPath || !templateIn || !templateOut) {
  console.error(
    'usage: render-csp.mjs <index.html> <template in> <template out>',
  );
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');

// An inline event handler (e.g. Beasties' onload="this.media='all'") would be blocked by
// the header; fail the build instead of shipping an unstyled page.
const handler = html.match(/<[^>]+\son[a-z]+\s*=/i);
if (handler) {
  console.error(
    `index.html has an inline event handler, which the CSP blocks: ${handler[0]}`,
  );
  process.exit(1);
}

const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/i.test(m[1])) continue;
  hashes.push(
    `'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`,
  );
}

// When autoCsp wrote a meta policy, every hash it lists must be one we computed:
// a mismatch means the two policies would disagree and the page would not boot.
const meta = html.match(
  /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i,
);
for (const h of meta?.[1].match(/'sha256-[A-Za-z0-9+/=]+'/g) ?? []) {
  if (!hashes.includes(h)) {
    console.error(`meta CSP hash ${h} matches no inline script`);
    process.exit(1);
  }
}

const template = readFileSync(templateIn, 'utf8');
if (!template.includes('@CSP_SCRIPT_HASHES@')) {
  console.error('template lacks @CSP_SCRIPT_HASHES@');
  process.exit(1);
}
writeFileSync(
  templateOut,
  template.replaceAll('@CSP_SCRIPT_HASHES@', hashes.join(' ')),
);
console.log(`script-src hashes: ${hashes.join(' ') || '(none)'}`);
