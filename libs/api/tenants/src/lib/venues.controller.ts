import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@foyer/api/platform/http';
import { PublicVenueDto } from './dto/public-venue.dto';
import { TenantDirectory } from './tenant-directory.service';

@ApiTags('public')
@Public()
@Controller('api/public/venues')
export class VenuesController {
  constructor(private readonly directory: TenantDirectory) {}

  @Get(':slug')
  @ApiOkResponse({ type: PublicVenueDto })
  async venue(@Param('slug') slug: string): Promise<PublicVenueDto> {
    const tenant = await this.directory.bySlug(slug);
    return {
      slug: tenant.slug,
      name: tenant.name,
      timezone: tenant.timezone,
      currency: tenant.currency,
    };
  }
}
