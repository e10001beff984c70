import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode, FieldProblem } from '@foyer/contracts';
import { DomainError } from './domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator's whitelist message names the property only; never echo values.
      message: message.replace(
        /^property (\S+) should not exist$/,
        'is not allowed',
      ),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelist, refuse unknown fields, transform to DTO classes; errors become 400 VALIDATION_FAILED. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'The request is not valid.',
        { errors: flatten(errors) },
      ),
  });
}
