import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { MenuModule } from '@foyer/api/menu';
import { PlatformModule, requestPipeline } from '@foyer/api/platform';
import { PermissionsGuard, RbacModule } from '@foyer/api/rbac';
import { RealtimeModule } from '@foyer/api/realtime';
import { ReservationsModule } from '@foyer/api/reservations';
import { TenantsModule } from '@foyer/api/tenants';

/** The composition root: platform, domain modules, and the request pipeline in contract order. */
@Module({
  imports: [
    PlatformModule,
    RbacModule,
    AuditModule,
    AuthModule,
    RealtimeModule,
    TenantsModule,
    ReservationsModule,
    MenuModule,
  ],
  providers: requestPipeline({
    authenticate: [AuthenticationGuard, CsrfGuard],
    authorize: [PermissionsGuard],
  }),
})
export class AppModule {}
