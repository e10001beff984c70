import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { RealtimeModule } from '@foyer/api/realtime';
import { ReservationsModule } from '@foyer/api/reservations';
import { CheckInController } from './check-in.controller';
import { CheckInService } from './check-in.service';

/** Staff check-in at the door (permission checkin:scan); door counts go out over realtime. */
@Module({
  imports: [AuditModule, RealtimeModule, ReservationsModule],
  controllers: [CheckInController],
  providers: [CheckInService],
})
export class CheckInModule {}
