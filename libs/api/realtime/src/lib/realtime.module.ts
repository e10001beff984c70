import { Global, Module } from '@nestjs/common';
import { AuthModule } from '@foyer/api/auth';
import { DinerGateway } from './diner.gateway';
import {
  DEFAULT_REALTIME_LIMITS,
  HandshakePolicy,
  REALTIME_LIMITS,
} from './handshake-policy';
import { Realtime } from './realtime';
import { StaffGateway } from './staff.gateway';

/** socket.io gateways and the Realtime publisher; the app installs RealtimeIoAdapter. */
@Global()
@Module({
  imports: [AuthModule],
  providers: [
    Realtime,
    HandshakePolicy,
    { provide: REALTIME_LIMITS, useValue: DEFAULT_REALTIME_LIMITS },
    StaffGateway,
    DinerGateway,
  ],
  exports: [Realtime],
})
export class RealtimeModule {}
