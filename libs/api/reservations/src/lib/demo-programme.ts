import { SeedTenantContext } from '@foyer/api/platform/database';
import { EntityManager } from 'typeorm';
import { PerformanceRepository } from './performance.repository';
import { RoomRepository } from './room.repository';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const DEMO_SHOWS = ['The Seagull', 'Twelfth Night', 'A Doll’s House'];

/**
 * The demo venue's programme: a hall and a few upcoming performances open for booking,
 * once (nothing happens when the tenant has a room already). Runs inside the CLI's
 * tenant transaction (`manager`, `tenantId`).
 */
export async function seedDemoProgramme(
  manager: EntityManager,
  tenantId: string,
): Promise<void> {
  const context = new SeedTenantContext(manager, tenantId);
  const rooms = new RoomRepository(context);
  const performances = new PerformanceRepository(context);
  if ((await rooms.count()) > 0) {
    return;
  }
  const hall = await rooms.insert({ name: 'Main Hall', capacity: 120 });
  for (const [index, title] of DEMO_SHOWS.entries()) {
    const startsAt = new Date(
      Math.ceil((Date.now() + (index + 2) * DAY) / DAY) * DAY + 19.5 * HOUR,
    );
    await performances.insert({
      roomId: hall.id,
      title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2.5 * HOUR),
      // The first show's door is open from the seed on, so tickets can be scanned in the demo today.
      checkInOpensAt:
        index === 0 ? new Date() : new Date(startsAt.getTime() - HOUR),
      bookingOpensAt: null,
      bookingClosesAt: null,
      bookingStatus: 'open',
      additionalSeats: 0,
      manuallyOccupiedSeats: 0,
      maxPartySize: 6,
    });
  }
}
