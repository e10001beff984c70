import { Module } from '@nestjs/common';
import { DatabaseModule } from '@foyer/api/platform/database';
import { RealtimeModule } from '@foyer/api/realtime';
import { ReservationsCoreModule } from '@foyer/api/reservations';
import { CheckInController } from './check-in.controller';
import { CheckInService } from './check-in.service';

/** Staff check-in at the door (permission checkin:scan); door counts go out over realtime. */
@Module({
  imports: [DatabaseModule, RealtimeModule, ReservationsCoreModule],
  controllers: [CheckInController],
  providers: [CheckInService],
})
export class CheckInModule {}
