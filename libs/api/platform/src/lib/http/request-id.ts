import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const CHOSEN = new WeakMap<IncomingMessage, string>();

/**
 * The caller's X-Request-ID when it is a safe token, else a new one; echoed on the
 * response. Chosen once per request: the first middleware (so preflights answered by CORS
 * carry it too) and the request logger get the same id.
 */
export function requestIdFor(
  req: IncomingMessage,
  res: ServerResponse,
): string {
  const chosen = CHOSEN.get(req);
  if (chosen !== undefined) {
    return chosen;
  }
  const given = req.headers['x-request-id'];
  const id =
    typeof given === 'string' && SAFE_REQUEST_ID.test(given)
      ? given
      : randomUUID();
  CHOSEN.set(req, id);
  res.setHeader('X-Request-ID', id);
  return id;
}

export function requestIdOf(req: unknown): string {
  const id = (req as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}
