import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public, RateLimit } from '@foyer/api/platform/http';
import { TenantDirectory } from '@foyer/api/tenants';
import type { Response } from 'express';
import { ifNoneMatchHits } from './menu-etag';
import { MenuService } from './menu.service';
import { PublicMenuCache } from './public-menu-cache.service';

@ApiTags('public')
@Public()
@Controller('api/public/venues')
export class PublicMenuController {
  constructor(
    private readonly directory: TenantDirectory,
    private readonly menu: MenuService,
    private readonly cache: PublicMenuCache,
  ) {}

  /**
   * The venue's menu with a strong ETag of its canonical JSON. Image URLs are signed for
   * a whole window, so the tag changes with edits (and at window ends), not per request.
   * Served from a one-second cache (PublicMenuCache): a warm read touches no database.
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
    const menu = await this.cache.get(slug, () =>
      this.directory.withVenue(slug, async (tenant) => ({
        tenantId: tenant.id,
        menu: await this.menu.publicMenu(),
      })),
    );
    res.set({ ETag: menu.etag, 'Cache-Control': 'public, max-age=30' });
    if (ifNoneMatchHits(ifNoneMatch, menu.etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json').send(menu.body);
  }
}
