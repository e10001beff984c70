import { ErrorCode } from '@foyer/contracts';
import { ApiError, NETWORK_ERROR } from '@foyer/web/data-access';
import {
  ProblemWords,
  describeProblem,
  formatWait,
} from '@foyer/web/shared/ui';

/** How the staff pages word a failure. */
const STAFF_WORDS: ProblemWords = {
  codes: {
    [NETWORK_ERROR]:
      'The server could not be reached. Check the connection and try again.',
    [ErrorCode.FORBIDDEN]: 'Your role does not allow that.',
    [ErrorCode.UNAUTHENTICATED]: 'Your session has ended. Sign in again.',
  },
  tooManyRequests: (seconds) =>
    `Too many requests. Try again in ${formatWait(seconds)}.`,
  serverFault: (requestId) =>
    requestId
      ? `Something went wrong on our side. Try again; if it keeps happening, quote request ${requestId}.`
      : 'Something went wrong on our side. Try again.',
};

/** Words for an API failure a staff page did not handle itself. */
export function describeApiError(error: ApiError): string {
  return describeProblem(error, STAFF_WORDS);
}
