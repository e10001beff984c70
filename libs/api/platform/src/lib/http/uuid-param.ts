import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../errors/domain-error';

/**
 * The one pipe for a path id: a value that is no UUID names nothing, so it is `404`
 * (with `message`), exactly like an id of another tenant, never `400`, which would tell
 * a caller the difference. Either letter case is accepted; repositories compare the
 * canonical value.
 */
export function uuidParam(message?: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => notFound(message) });
}

/** `uuidParam()` with the generic not-found message. */
export const resourceId = uuidParam();
