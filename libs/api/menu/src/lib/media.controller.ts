import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode } from '@foyer/contracts';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { DomainError, notFound } from '@foyer/api/platform/errors';
import { Public, RateLimit } from '@foyer/api/platform/http';
import type { Response } from 'express';
import { MediaStorage } from './media/media-storage';
import { verifyMediaSignature } from './media/media-url';

/** Serves stored images only through HMAC-signed, expiring URLs (no hotlinking, no guessing). */
@ApiTags('public')
@Public()
@Controller('api/media')
export class MediaController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MediaStorage) private readonly storage: MediaStorage,
  ) {}

  @Get(':key')
  @RateLimit('publicRead')
  @ApiQuery({ name: 'exp', description: 'Expiry, unix seconds' })
  @ApiQuery({
    name: 'sig',
    description: 'HMAC-SHA256 of key and expiry, base64url',
  })
  @ApiProduces('image/webp', 'image/jpeg')
  @ApiOkResponse({ description: 'The image' })
  @ApiForbiddenResponse({
    description: '403 SIGNATURE_INVALID: bad, tampered or expired signature',
  })
  async get(
    @Param('key') key: string,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const now = new Date();
    if (
      !verifyMediaSignature(this.config.MEDIA_SIGNING_KEY, key, exp, sig, now)
    ) {
      throw new DomainError(
        ErrorCode.SIGNATURE_INVALID,
        'This media link is not valid or has expired.',
      );
    }
    const media = await this.storage.get(key);
    if (!media) {
      throw notFound();
    }
    const maxAge = Math.max(0, Number(exp) - Math.ceil(now.getTime() / 1000));
    res
      .status(200)
      .set({
        'Content-Type': media.contentType,
        'Content-Length': String(media.data.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': 'inline',
        'Cache-Control': `public, max-age=${maxAge}, immutable`,
      })
      .end(media.data);
  }
}
