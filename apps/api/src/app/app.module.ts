import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule, AuthenticationGuard, CsrfGuard } from '@foyer/api/auth';
import { CheckInModule } from '@foyer/api/check-in';
import { MenuModule } from '@foyer/api/menu';
import { DinerGuard, OrdersModule } from '@foyer/api/orders';
import { PlatformModule } from '@foyer/api/platform';
import { requestPipeline } from '@foyer/api/platform/http';
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
    CheckInModule,
    MenuModule,
    OrdersModule,
  ],
  providers: requestPipeline({
    // DinerGuard: table code + session capability of /api/public/tables/:code/* routes.
    authenticate: [AuthenticationGuard, DinerGuard, CsrfGuard],
    authorize: [PermissionsGuard],
  }),
})
export class AppModule {}
