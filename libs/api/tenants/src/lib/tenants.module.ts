import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule } from '@foyer/api/auth';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tenant } from './entities/tenant.entity';
import { TenantDirectory } from './tenant-directory';
import { VenuesController } from './venues.controller';
import { StaffController, TenantSettingsController } from './staff.controller';
import { StaffMembers } from './staff-members';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant]), AuditModule, AuthModule],
  controllers: [VenuesController, StaffController, TenantSettingsController],
  providers: [TenantDirectory, StaffMembers],
  exports: [TenantDirectory],
})
export class TenantsModule {}
