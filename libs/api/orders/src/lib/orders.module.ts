import { Module, OnModuleInit } from '@nestjs/common';
import { AuditLogModule } from '@foyer/api/audit';
import { MenuModule } from '@foyer/api/menu';
import { AppConfigModule } from '@foyer/api/platform/config';
import { CryptoModule } from '@foyer/api/platform/crypto';
import { DatabaseModule } from '@foyer/api/platform/database';
import { LoggingModule } from '@foyer/api/platform/logging';
import { RedisModule } from '@foyer/api/platform/redis';
import { Realtime, RealtimeModule } from '@foyer/api/realtime';
import { TenantDirectoryModule } from '@foyer/api/tenants';
import { CartStore } from './cart-store.service';
import { DinerAccess } from './diner-access.service';
import { DinerGuard } from './diner.guard';
import { DinerController } from './diner.controller';
import { DiningOrderRepository } from './dining-order.repository';
import { DiningTableRepository } from './dining-table.repository';
import { OrderLineRepository } from './order-line.repository';
import { OrderViews } from './order-views.service';
import { OrderingService } from './ordering.service';
import { StaffOrdersService } from './staff-orders.service';
import { StaffOrdersController } from './staff-orders.controller';
import { StaffTablesController } from './staff-tables.controller';
import { TablesService } from './tables.service';

/**
 * Tables, diner sessions, the shared cart and orders. The app lists DinerGuard in the
 * authentication stage of the request pipeline (after AuthenticationGuard).
 */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    CryptoModule,
    RedisModule,
    LoggingModule,
    AuditLogModule,
    MenuModule,
    TenantDirectoryModule,
    RealtimeModule,
  ],
  controllers: [StaffTablesController, StaffOrdersController, DinerController],
  providers: [
    DinerAccess,
    DinerGuard,
    CartStore,
    DiningTableRepository,
    DiningOrderRepository,
    OrderLineRepository,
    OrderViews,
    OrderingService,
    StaffOrdersService,
    TablesService,
  ],
  exports: [DinerGuard, DinerAccess],
})
export class OrdersModule implements OnModuleInit {
  constructor(
    private readonly realtime: Realtime,
    private readonly access: DinerAccess,
  ) {}

  /** /diner sockets are verified exactly like HTTP calls: code first, then the capability for that table. */
  onModuleInit(): void {
    this.realtime.useDinerAuthenticator(async (tableCode, sessionCap) => {
      const result = await this.access.authorize(tableCode, sessionCap);
      return 'caller' in result
        ? {
            tenantId: result.caller.tenantId,
            tableId: result.caller.tableId,
            expiresAt: result.caller.expiresAt,
          }
        : null;
    });
  }
}
