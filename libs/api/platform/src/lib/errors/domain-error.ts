import { ErrorCode, FieldProblem } from '@foyer/contracts';

/**
 * A failure the caller can act on, with the contract's error code. Thrown by services
 * and guards; turned into problem details in one place (ProblemDetailsFilter).
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: {
      errors?: FieldProblem[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (detail = 'The resource does not exist.') =>
  new DomainError(404, ErrorCode.NOT_FOUND, detail);
export const forbidden = (detail = 'You do not have permission to do this.') =>
  new DomainError(403, ErrorCode.FORBIDDEN, detail);
export const unauthenticated = (detail = 'Sign in to continue.') =>
  new DomainError(401, ErrorCode.UNAUTHENTICATED, detail);
