import { ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';

/** The API's first message per form field from a `400 VALIDATION_FAILED`; other fields are ignored. */
export function fieldErrorsFrom<F extends string>(
  error: ApiError,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const found: Partial<Record<F, string>> = {};
  if (error.code !== ErrorCode.VALIDATION_FAILED) {
    return found;
  }
  for (const problem of error.fieldErrors) {
    const field = fields.find((name) => name === problem.field);
    if (field !== undefined) {
      found[field] ??= problem.message;
    }
  }
  return found;
}
