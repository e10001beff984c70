import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-ID when it is a safe token, else a new one; echoed on the response. */
export function requestIdFor(
  req: IncomingMessage,
  res: ServerResponse,
): string {
  const given = req.headers['x-request-id'];
  const id =
    typeof given === 'string' && SAFE_REQUEST_ID.test(given)
      ? given
      : randomUUID();
  res.setHeader('X-Request-ID', id);
  return id;
}

export function requestIdOf(req: unknown): string {
  const id = (req as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}
