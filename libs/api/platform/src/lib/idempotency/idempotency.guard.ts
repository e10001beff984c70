import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
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
