import {
  CallHandler,
  CanActivate,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, mergeMap } from 'rxjs';
import { routeSurface } from '../http/route-surface';
import { IdempotencyService } from './idempotency.service';

/**
 * Claims the Idempotency-Key after authentication and CSRF but before permissions and
 * validation (the contract's order), so every later outcome is stored and replayed.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(private readonly idempotency: IdempotencyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    if (IdempotencyService.applies(req.method, routeSurface(context))) {
      await this.idempotency.begin(req);
    }
    return true;
  }
}

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
