import { Module } from '@nestjs/common';
import { AuthModule } from '@foyer/api/auth';
import { AppConfigModule } from '@foyer/api/platform/config';
import { DatabaseModule } from '@foyer/api/platform/database';
import { RateLimitModule } from '@foyer/api/platform/http';
import { LoggingModule } from '@foyer/api/platform/logging';
import { DinerGateway } from './diner.gateway';
import {
  DEFAULT_REALTIME_LIMITS,
  HandshakePolicy,
  REALTIME_LIMITS,
} from './handshake-policy.service';
import { Realtime } from './realtime.service';
import { StaffGateway } from './staff.gateway';

/**
 * socket.io gateways and the Realtime publisher; the app installs RealtimeIoAdapter. Domain
 * modules that publish import this module; handshakes share the rate limit's storage.
 */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    LoggingModule,
    RateLimitModule,
    AuthModule,
  ],
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
