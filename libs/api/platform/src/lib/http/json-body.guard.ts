import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@foyer/contracts';
import express, { Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';

export const JSON_BODY_LIMIT = '64kb';
const RAW_BODY = 'foyer:raw-body';

/** Marks a route that reads its own body (multipart uploads): the JSON guard leaves it alone. */
export const ReadsOwnBody = () => SetMetadata(RAW_BODY, true);

/** Keys that reach an object's prototype machinery when a body is merged or copied. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse's reviver runs for every key while the body is parsed: a forbidden key makes
 * the parse itself fail (400 VALIDATION_FAILED, as malformed JSON), so no object holding
 * one is ever built for the application.
 */
export function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) {
    throw new SyntaxError('JSON body contains a forbidden key');
  }
  return value;
}

const parseJson = express.json({
  limit: JSON_BODY_LIMIT,
  strict: true,
  type: () => true,
  reviver: refusePrototypeKeys,
});

/** Parses a JSON body into `req.body`; rejects with body-parser's 400/413 errors. */
export function parseJsonBody(req: Request, res: Response): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    parseJson(req, res, (error?: unknown) =>
      error ? reject(error) : resolve(),
    ),
  );
}

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0
  );
}

/**
 * Parses JSON bodies as a guard rather than a middleware so the contract's order holds:
 * the rate limit answers first, then size (413) and type (415), then everything else.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    if (
      this.reflector.getAllAndOverride<boolean>(RAW_BODY, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    if (!hasBody(req)) {
      req.body = undefined;
      return true;
    }
    if (!req.is('application/json')) {
      throw new DomainError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the body as application/json.',
      );
    }
    await parseJsonBody(req, res);
    return true;
  }
}
