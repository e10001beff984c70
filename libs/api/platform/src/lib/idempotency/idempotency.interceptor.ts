import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, mergeMap } from 'rxjs';
import { IdempotencyService } from './idempotency.service';

/** Stores successful responses; errors are stored by the problem-details filter. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    return next
      .handle()
      .pipe(
        mergeMap((body: unknown) =>
          from(
            this.idempotency
              .complete(req, res.statusCode, body, 'application/json')
              .then(() => body),
          ),
        ),
      );
  }
}
