import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  Inject,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { IdempotentReplay } from '../idempotency/idempotent-replay';
import { requestIdOf } from '../http/request-id';
import { toProblem } from './problem-details';

/** The one place where errors become RFC 9457 problem details (and idempotent replays are written). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(
    @Inject(IdempotencyService)
    private readonly idempotency: IdempotencyService,
  ) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    if (host.getType() !== 'http') {
      throw error;
    }
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      return;
    }
    if (error instanceof IdempotentReplay) {
      this.idempotency.writeReplay(res, error.record);
      return;
    }
    const { body, headers, expected } = toProblem(error);
    if (!expected) {
      this.logger.error(
        { err: error, requestId: requestIdOf(req) },
        'unhandled error',
      );
    }
    const payload = { ...body, requestId: requestIdOf(req) };
    await this.idempotency.complete(
      req,
      payload.status,
      payload,
      'application/problem+json',
    );
    for (const [name, value] of Object.entries(headers)) {
      res.setHeader(name, value);
    }
    res
      .status(payload.status)
      .type('application/problem+json')
      .send(JSON.stringify(payload));
  }
}
