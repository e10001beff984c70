import { ErrorCode, FieldProblem } from '@foyer/contracts';
import { ERROR_STATUS } from './error-status';

export interface DomainErrorOptions {
  errors?: FieldProblem[];
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
  /**
   * Overrides the code's status from `ERROR_STATUS`, only where the contract gives the
   * code another status on some routes (`ACCOUNT_TOKEN_INVALID_STATUS`).
   */
  status?: number;
}

/**
 * A failure the caller can act on, with the contract's error code; its status is the
 * code's (`ERROR_STATUS`). Thrown by services and guards; turned into problem details
 * in one place (ProblemDetailsFilter).
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(detail);
    this.name = 'DomainError';
    this.status = options.status ?? ERROR_STATUS[code];
  }
}

export const notFound = (detail = 'The resource does not exist.') =>
  new DomainError(ErrorCode.NOT_FOUND, detail);
export const forbidden = (detail = 'You do not have permission to do this.') =>
  new DomainError(ErrorCode.FORBIDDEN, detail);
export const unauthenticated = (detail = 'Sign in to continue.') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, detail);
