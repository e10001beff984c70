#!/usr/bin/env node
// @ts-check
// Production static server for the built Foyer SPA (dist/apps/web/browser).
// Used by `npm start` and the browser e2e tests. Node built-ins only.
//
// Like the nginx edge in docker/: text assets are served brotli- or gzip-compressed
// (compressed once per file, in the background at startup, then from memory) and hashed
// assets are cached for a year as immutable.
//
// Env: WEB_PORT (4200), WEB_HOST (127.0.0.1), WEB_DIST (dist/apps/web/browser),
//      API_BASE_URL (http://localhost:3000).
//
// CSP: the header policy and the <meta> policy Angular's autoCsp writes into index.html
// are both enforced, so a script must pass both. `default-src 'self'` alone would block
// autoCsp's inline loader scripts, so the header carries `script-src 'self'` plus the
// hashes of the inline scripts in index.html, computed here at startup. Never
// 'unsafe-inline' for scripts.

import { createHash } from 'node:crypto';
import {
  createReadStream,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const HASHED_ASSET =
  /-[A-Z0-9]{8,}\.(?:js|mjs|css|woff2?|ttf|svg|png|jpe?g|webp|avif|gif|ico)$/;

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.txt',
  '.xml',
  '.svg',
  '.ico',
]);
const MIN_COMPRESS_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** @typedef {{ br: Buffer, gzip: Buffer }} Compressed */

/**
 * Brotli and gzip bodies of one buffer (best compression: each file is compressed once).
 * @param {Buffer} buffer
 * @returns {Promise<Compressed>}
 */
async function compressBoth(buffer) {
  const [br, gz] = await Promise.all([
    brotli(buffer, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }),
    gzipAsync(buffer, { level: zlib.Z_BEST_COMPRESSION }),
  ]);
  return { br, gzip: gz };
}

/**
 * The encoding to answer with: br if accepted, else gzip, else identity (q=0 refuses).
 * @param {string | undefined} header Accept-Encoding
 * @returns {keyof Compressed | null}
 */
function pickEncoding(header) {
  /** @type {Map<string, number>} */
  const accepted = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const wants = (/** @type {string} */ name) =>
    (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return null;
}

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`serve-web: ${message}\n`);
  process.exit(1);
}

/** @param {string} value @returns {number} */
function readPort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`WEB_PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}

/** @typedef {{ baseUrl: string, origin: string, wsOrigin: string }} Api */

/** @param {string} value @returns {Api} */
function readApiBaseUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`API_BASE_URL must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(`API_BASE_URL must use http or https, got "${value}"`);
  }
  if (url.username || url.password || url.search || url.hash) {
    fail('API_BASE_URL must not carry credentials, a query or a fragment');
  }
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const wsOrigin = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return { baseUrl, origin: url.origin, wsOrigin };
}

/** sha256 sources for every inline <script> in index.html, plus any the meta policy lists. */
function inlineScriptHashes(/** @type {string} */ html) {
  /** @type {Set<string>} */
  const hashes = new Set();
  for (const match of html.matchAll(
    /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi,
  )) {
    const [, attrs, body] = match;
    if (/\bsrc\s*=/i.test(attrs)) continue;
    // Same normalisation as Angular's autoCsp (CRLF -> LF) so the hashes agree.
    const digest = createHash('sha256')
      .update(body.replace(/\r\n?/g, '\n'), 'utf8')
      .digest('base64');
    hashes.add(`'sha256-${digest}'`);
  }
  const meta = html.match(
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i,
  );
  if (meta) {
    for (const source of meta[1].matchAll(
      /'sha(?:256|384|512)-[A-Za-z0-9+/=]+'/g,
    )) {
      hashes.add(source[0]);
    }
  }
  return [...hashes];
}

/** @param {Api} api @param {string[]} scriptHashes */
function contentSecurityPolicy(api, scriptHashes) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    `connect-src 'self' ${api.origin} ${api.wsOrigin}`,
    `img-src 'self' data: ${api.origin}`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const port = readPort(process.env.WEB_PORT ?? '4200');
const host = process.env.WEB_HOST || '127.0.0.1';
const api = readApiBaseUrl(process.env.API_BASE_URL || 'http://localhost:3000');

/** @type {string} */
let root;
try {
  root = realpathSync(
    path.resolve(process.env.WEB_DIST || 'dist/apps/web/browser'),
  );
} catch {
  fail(
    `WEB_DIST not found (${process.env.WEB_DIST || 'dist/apps/web/browser'}); run \`npx nx build web\` first`,
  );
}

/** @type {Buffer} */
let indexHtml;
try {
  indexHtml = readFileSync(path.join(root, 'index.html'));
} catch {
  fail(`no index.html in ${root}; run \`npx nx build web\` first`);
}

const configJson = Buffer.from(
  `${JSON.stringify({ apiBaseUrl: api.baseUrl })}\n`,
);

// index.html is read once so the hashes in the header always match the page served.
const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy(
    api,
    inlineScriptHashes(indexHtml.toString('utf8')),
  ),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * @typedef {import('node:http').IncomingMessage} Req
 * @typedef {import('node:http').ServerResponse} Res
 * @typedef {import('node:http').OutgoingHttpHeaders} OutHeaders
 */

/** @param {Req} req @param {Res} res @param {number} status @param {OutHeaders} headers @param {Buffer} body */
function send(req, res, status, headers, body) {
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Length': body.length,
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** @param {Req} req @param {Res} res @param {number} status @param {string} text @param {OutHeaders} [headers] */
function sendText(req, res, status, text, headers = {}) {
  send(
    req,
    res,
    status,
    {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
    Buffer.from(`${text}\n`),
  );
}

const indexCompressed = compressBoth(indexHtml);

/** @typedef {{ file: string, size: number, mtime: Date }} Found a regular file inside root */

/**
 * Compressed bodies per file (path, size and mtime), computed once.
 * @type {Map<string, Promise<Compressed>>}
 */
const compressedFiles = new Map();
function compressedFile(/** @type {Found} */ found) {
  const key = `${found.file}\0${found.size}\0${found.mtime.getTime()}`;
  let entry = compressedFiles.get(key);
  if (!entry) {
    entry = import('node:fs/promises')
      .then(({ readFile }) => readFile(found.file))
      .then(compressBoth);
    entry.catch(() => compressedFiles.delete(key));
    compressedFiles.set(key, entry);
  }
  return entry;
}

/**
 * Sends `identity` or, when the client accepts it, its br/gzip form from `compressed`.
 * @param {Req} req
 * @param {Res} res
 * @param {OutHeaders} headers
 * @param {number} size of the identity body
 * @param {Buffer | (() => import('node:stream').Readable)} identity the body, or a stream of it
 * @param {() => Promise<Compressed>} compressed
 * @param {boolean} [compressible]
 */
async function sendMaybeCompressed(
  req,
  res,
  headers,
  size,
  identity,
  compressed,
  compressible = true,
) {
  const worthIt = compressible && size >= MIN_COMPRESS_BYTES;
  const encoding = worthIt
    ? pickEncoding(req.headers['accept-encoding'])
    : null;
  const vary = worthIt ? { Vary: 'Accept-Encoding' } : {};
  if (encoding) {
    const body = (await compressed())[encoding];
    send(
      req,
      res,
      200,
      { ...headers, ...vary, 'Content-Encoding': encoding },
      body,
    );
    return;
  }
  if (Buffer.isBuffer(identity)) {
    send(req, res, 200, { ...headers, ...vary }, identity);
    return;
  }
  res.writeHead(200, {
    ...securityHeaders,
    ...headers,
    ...vary,
    'Content-Length': size,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = identity();
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

// Hints on the page: the first API call skips DNS, TCP and TLS set-up (the API is another
// origin), and /config.json, which bootstrap waits for, loads alongside the scripts.
const pageHints =
  api.origin === 'null'
    ? {}
    : {
        Link: `<${api.origin}>; rel=preconnect, </config.json>; rel=preload; as=fetch; crossorigin`,
      };

/** @param {Req} req @param {Res} res */
function sendIndex(req, res) {
  return sendMaybeCompressed(
    req,
    res,
    {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      ...pageHints,
    },
    indexHtml.length,
    indexHtml,
    () => indexCompressed,
  );
}

/**
 * Maps decoded path segments to a regular file inside root, or null. Never leaves root, even via symlinks.
 * @param {string[]} segments
 * @returns {Found | null}
 */
function resolveFile(segments) {
  const candidate = path.resolve(root, ...segments);
  const relative = path.relative(root, candidate);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  try {
    const real = realpathSync(candidate);
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    const stats = statSync(real);
    return stats.isFile()
      ? { file: real, size: stats.size, mtime: stats.mtime }
      : null;
  } catch {
    return null;
  }
}

/** @param {Req} req @param {Res} res */
async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(req, res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }

  const target = req.url ?? '';
  let urlPath;
  try {
    // Only origin-form targets ("/path?query"); prefixing keeps "//x" a path, not a host.
    if (!target.startsWith('/')) throw new Error('not origin-form');
    urlPath = decodeURIComponent(new URL(`http://localhost${target}`).pathname);
  } catch {
    sendText(req, res, 400, 'Bad request');
    return;
  }
  if (urlPath.includes('\0') || urlPath.includes('\\')) {
    sendText(req, res, 400, 'Bad request');
    return;
  }

  if (urlPath === '/config.json') {
    send(
      req,
      res,
      200,
      {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      },
      configJson,
    );
    return;
  }
  if (urlPath === '/' || urlPath === '/index.html') {
    await sendIndex(req, res);
    return;
  }

  const segments = urlPath.split('/').filter(Boolean);
  // Dotfiles and dot-segments ("..", ".env", ".git") are never served, not even as the SPA.
  if (segments.some((segment) => segment.startsWith('.'))) {
    sendText(req, res, 404, 'Not found');
    return;
  }

  const found = resolveFile(segments);
  if (!found) {
    // Extension-less paths are client-side routes; anything that looks like a file is a real 404.
    if (path.extname(segments.at(-1) ?? '') === '') {
      await sendIndex(req, res);
    } else {
      sendText(req, res, 404, 'Not found');
    }
    return;
  }

  const name = path.basename(found.file);
  const extension = path.extname(name).toLowerCase();
  const headers = {
    'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'Last-Modified': found.mtime.toUTCString(),
    'Cache-Control': HASHED_ASSET.test(name)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  };
  await sendMaybeCompressed(
    req,
    res,
    headers,
    found.size,
    () => createReadStream(found.file),
    () => compressedFile(found),
    COMPRESSIBLE.has(extension),
  );
}

/** Compresses every text asset in the background so the first visitor gets them from memory. */
async function precompress() {
  for (const entry of await readdir(root, {
    withFileTypes: true,
    recursive: true,
  })) {
    if (
      !entry.isFile() ||
      !COMPRESSIBLE.has(path.extname(entry.name).toLowerCase())
    )
      continue;
    const relative = path.relative(
      root,
      path.join(entry.parentPath ?? entry.path, entry.name),
    );
    const found = resolveFile(relative.split(path.sep));
    if (found && found.size >= MIN_COMPRESS_BYTES)
      await compressedFile(found).catch(() => undefined);
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) sendText(req, res, 500, 'Internal server error');
    else res.destroy();
  });
});

server.on('error', (error) =>
  fail(`cannot listen on ${host}:${port}: ${error.message}`),
);

server.listen(port, host, () => {
  const address = server.address();
  const shownHost =
    typeof address === 'object' && address?.family === 'IPv6'
      ? `[${address.address}]`
      : host;
  const shownPort =
    typeof address === 'object' && address ? address.port : port;
  process.stdout.write(
    `serve-web: listening on http://${shownHost}:${shownPort} (dist ${root}, api ${api.baseUrl})\n`,
  );
  precompress().catch(() => undefined);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  // Do not hang on a stuck socket; unref so a clean close exits sooner.
  setTimeout(() => process.exit(0), 3000).unref();
}

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
