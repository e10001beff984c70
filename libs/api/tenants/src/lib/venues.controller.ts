import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@foyer/api/platform';
import { TenantDirectory } from './tenant-directory';

export class PublicVenueDto {
  slug!: string;
  name!: string;
  timezone!: string;
  currency!: string;
}

@ApiTags('public')
@Public()
@Controller('api/public/venues')
export class VenuesController {
  constructor(private readonly directory: TenantDirectory) {}

  @Get(':slug')
  @ApiOkResponse({ type: PublicVenueDto })
  venue(@Param('slug') slug: string): Promise<PublicVenueDto> {
    return this.directory.withVenue(slug, async (tenant) => ({
      slug: tenant.slug,
      name: tenant.name,
      timezone: tenant.timezone,
      currency: tenant.currency,
    }));
  }
}
