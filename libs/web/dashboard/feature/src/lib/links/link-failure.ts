import { ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';

/**
 * Whether an emailed link's token was refused: spent, expired, withdrawn or unknown
 * (`400 TOKEN_INVALID`), or not even of the token's shape (`400` on `token`).
 */
export function isRefusedToken(error: ApiError): boolean {
  return (
    error.code === ErrorCode.TOKEN_INVALID ||
    error.code === ErrorCode.TOKEN_EXPIRED ||
    (error.code === ErrorCode.VALIDATION_FAILED && !!error.fieldError('token'))
  );
}
