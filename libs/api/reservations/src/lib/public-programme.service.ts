import { Injectable } from '@nestjs/common';
import { PublicPerformance, PublicPerformances } from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { TenantDirectory } from '@foyer/api/tenants';
import { BookingService } from './booking.service';
import { PerformancesService } from './performances.service';

type PerformanceView = Awaited<
  ReturnType<PerformancesService['views']>
>[number];

/**
 * What a visitor sees of a venue's programme, without signing in: the public routes name
 * a venue by slug or a performance by id, so the tenant is resolved here, never taken
 * from the caller.
 */
@Injectable()
export class PublicProgramme {
  constructor(
    private readonly directory: TenantDirectory,
    private readonly context: TenantContext,
    private readonly performances: PerformancesService,
    private readonly booking: BookingService,
  ) {}

  /** The venue's upcoming performances, bookable or not, with live availability. */
  upcoming(slug: string): Promise<PublicPerformances> {
    return this.directory.withVenue(slug, async () => {
      const upcoming = await this.performances.upcoming();
      return {
        items: (await this.performances.views(upcoming)).map(publicView),
      };
    });
  }

  async performance(id: string): Promise<PublicPerformance> {
    const tenantId = await this.booking.tenantOfPerformance(id);
    return this.context.run(tenantId, async () =>
      publicView(await this.performances.view(id)),
    );
  }
}

function publicView(view: PerformanceView): PublicPerformance {
  return {
    id: view.id,
    title: view.title,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    seatsAvailable: view.seatsAvailable,
    maxPartySize: view.maxPartySize,
    bookingStatus: view.bookingState,
  };
}
