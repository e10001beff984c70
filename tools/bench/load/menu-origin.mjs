// @ts-check
// The public-menu baseline: a bare node:http server answering every GET with the same
// precomputed JSON bytes and ETag the API sent, and 304 for a matching If-None-Match
// (the same comparison as libs/api/menu ifNoneMatchHits). Prints `{port}` when listening.
// Args: {documentFile, etag}
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { finish, readArgs } from './load-kit.mjs';

/**
 * @typedef {{ documentFile: string, etag: string }} Args
 * @typedef {{ port: number }} Result the line printed once listening
 */

/** @type {Args} */
const { documentFile, etag } = readArgs();
const body = readFileSync(documentFile);
const opaque = etag.replace(/^W\//, '');

function ifNoneMatchHits(/** @type {string | undefined} */ header) {
  if (header === undefined) return false;
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  return (trimmed.match(/(?:W\/)?"[^"]*"/g) ?? []).some(
    (tag) => tag.replace(/^W\//, '') === opaque,
  );
}

const server = createServer((req, res) => {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'public, max-age=30');
  if (ifNoneMatchHits(req.headers['if-none-match'])) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  // Listening on a TCP port, the address is always an AddressInfo.
  const { port } = /** @type {import('node:net').AddressInfo} */ (
    server.address()
  );
  finish(/** @satisfies {Result} */ ({ port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
