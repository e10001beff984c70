import { ErrorCode } from '@foyer/contracts';

/** The parts of a failed API call that words are made of; an `ApiError` has them all. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly requestId: string | null;
  readonly retryAfterSeconds: number | null;
}

/** How one audience (staff, a visitor, a diner, the door) is told that a call failed. */
export interface ProblemWords {
  /** Sentences for the codes this audience hears in its own words, `NETWORK_ERROR` included. */
  readonly codes: Readonly<Partial<Record<string, string>>>;
  /** `429`, with the `Retry-After` seconds when the answer gave readable ones. */
  readonly tooManyRequests: (retryAfterSeconds: number | null) => string;
  /** A fault on the server's side, with the request id to quote when there is one. */
  readonly serverFault: (requestId: string | null) => string;
}

/**
 * The sentence for a failed call: the audience's own words for the codes it names, then
 * rate limits and server faults (which never show internals), else the API's `detail`,
 * which is written for people and is rendered as text, never as HTML.
 */
export function describeProblem(problem: Problem, words: ProblemWords): string {
  const own = words.codes[problem.code];
  if (own !== undefined) {
    return own;
  }
  if (problem.code === ErrorCode.RATE_LIMITED) {
    return words.tooManyRequests(problem.retryAfterSeconds);
  }
  if (
    problem.status >= 500 ||
    problem.code === ErrorCode.INTERNAL ||
    problem.code === ErrorCode.SERVICE_UNAVAILABLE
  ) {
    return words.serverFault(problem.requestId);
  }
  return problem.detail;
}
