import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogModule } from '@foyer/api/audit';
import { AuthModule } from '@foyer/api/auth';
import { AppConfigModule } from '@foyer/api/platform/config';
import { DatabaseModule } from '@foyer/api/platform/database';
import { OutboxModule } from '@foyer/api/platform/outbox';
import { Tenant } from './entities/tenant.entity';
import { StaffController } from './staff.controller';
import { StaffMembers } from './staff-members.service';
import { TenantDirectoryModule } from './tenant-directory.module';
import { TenantSettingsController } from './tenant-settings.controller';
import { TenantSettings } from './tenant-settings.service';
import { TenantRepository } from './tenant.repository';
import { VenuesController } from './venues.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Tenant]),
    AppConfigModule,
    DatabaseModule,
    OutboxModule,
    AuditLogModule,
    AuthModule,
    TenantDirectoryModule,
  ],
  controllers: [VenuesController, StaffController, TenantSettingsController],
  providers: [TenantRepository, TenantSettings, StaffMembers],
  exports: [TenantDirectoryModule],
})
export class TenantsModule {}
