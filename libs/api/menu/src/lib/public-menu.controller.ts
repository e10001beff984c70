import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public, RateLimit } from '@foyer/api/platform';
import { TenantDirectory } from '@foyer/api/tenants';
import type { Response } from 'express';
import { ifNoneMatchHits, menuEtag } from './menu-etag';
import { MenuService } from './menu.service';

@ApiTags('public')
@Public()
@Controller('api/public/venues')
export class PublicMenuController {
  constructor(
    private readonly directory: TenantDirectory,
    private readonly menu: MenuService,
  ) {}

  /**
   * The venue's menu with a strong ETag of its canonical JSON. Image URLs are signed for
   * a whole window, so the tag changes with edits (and at window ends), not per request.
   */
  @Get(':slug/menu')
  @RateLimit('publicRead')
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiOkResponse({
    description:
      '{categories:[{id, name, items:[{id, name, description, priceCents, currency, allergens, imageUrl?}]}]}',
  })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiNotFoundResponse({ description: 'Unknown venue' })
  async get(
    @Param('slug') slug: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const document = await this.directory.withVenue(slug, () =>
      this.menu.publicMenu(),
    );
    const etag = menuEtag(document);
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=30' });
    if (ifNoneMatchHits(ifNoneMatch, etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).json(document);
  }
}
