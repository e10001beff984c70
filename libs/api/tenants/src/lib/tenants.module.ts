import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule } from '@foyer/api/auth';
import { TypeOrmModule } from '@nestjs/typeorm';
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
    AuditModule,
    AuthModule,
    TenantDirectoryModule,
  ],
  controllers: [VenuesController, StaffController, TenantSettingsController],
  providers: [TenantRepository, TenantSettings, StaffMembers],
  exports: [TenantDirectoryModule],
})
export class TenantsModule {}
