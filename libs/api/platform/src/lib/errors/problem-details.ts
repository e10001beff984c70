import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ErrorCode, FieldProblem, ProblemDetails } from '@foyer/contracts';
import { DomainError } from './domain-error';

export type ProblemBody = Omit<ProblemDetails, 'requestId'> &
  Record<string, unknown>;

export interface MappedProblem {
  body: ProblemBody;
  headers: Record<string, string>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

const GENERIC_DETAIL: Record<string, string> = {
  [ErrorCode.VALIDATION_FAILED]: 'The request is not valid.',
  [ErrorCode.UNAUTHENTICATED]: 'Sign in to continue.',
  [ErrorCode.FORBIDDEN]: 'You do not have permission to do this.',
  [ErrorCode.NOT_FOUND]: 'The resource does not exist.',
  [ErrorCode.METHOD_NOT_ALLOWED]: 'This method is not allowed here.',
  [ErrorCode.CONFLICT]: 'The request conflicts with the current state.',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'The request body is too large.',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]:
    'The request body has an unsupported media type.',
  [ErrorCode.RATE_LIMITED]: 'Too many requests; try again later.',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'The service is temporarily unavailable.',
  [ErrorCode.INTERNAL]: 'Something went wrong on our side.',
};

export function problemType(code: string): string {
  return `urn:foyer:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

function problem(
  status: number,
  code: string,
  detail: string,
  errors?: FieldProblem[],
): MappedProblem['body'] {
  return {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/**
 * Maps anything thrown to problem details. Only DomainError detail text reaches the
 * client; framework messages are replaced by a generic sentence so no internal names,
 * SQL or stack traces leak.
 */
export function toProblem(
  error: unknown,
): MappedProblem & { expected: boolean } {
  if (error instanceof DomainError) {
    return {
      body: {
        ...problem(
          error.status,
          error.code,
          error.detail,
          error.options.errors,
        ),
        ...error.options.extensions,
      },
      headers: error.options.headers ?? {},
      expected: true,
    };
  }
  if (error instanceof ThrottlerException) {
    return {
      body: problem(
        429,
        ErrorCode.RATE_LIMITED,
        GENERIC_DETAIL[ErrorCode.RATE_LIMITED],
      ),
      headers: {},
      expected: true,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const code =
        CODE_BY_STATUS[status] ??
        (status === 400 ? ErrorCode.VALIDATION_FAILED : ErrorCode.CONFLICT);
      return {
        body: problem(
          status,
          code,
          GENERIC_DETAIL[code] ?? 'The request failed.',
        ),
        headers: {},
        expected: true,
      };
    }
    if (status === 503) {
      return {
        body: problem(
          503,
          ErrorCode.SERVICE_UNAVAILABLE,
          GENERIC_DETAIL[ErrorCode.SERVICE_UNAVAILABLE],
        ),
        headers: {},
        expected: true,
      };
    }
  }
  // Body-parser and other connect-style errors carry an HTTP status we can trust.
  const status =
    typeof (error as { status?: unknown })?.status === 'number'
      ? (error as { status: number }).status
      : 500;
  if (status === 413 || status === 415 || status === 400) {
    const code = CODE_BY_STATUS[status];
    return {
      body: problem(status, code, GENERIC_DETAIL[code]),
      headers: {},
      expected: true,
    };
  }
  return {
    body: problem(500, ErrorCode.INTERNAL, GENERIC_DETAIL[ErrorCode.INTERNAL]),
    headers: {},
    expected: false,
  };
}
