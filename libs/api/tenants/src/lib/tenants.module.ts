import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tenant } from './entities/tenant.entity';
import { TenantDirectory } from './tenant-directory';
import { VenuesController } from './venues.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant])],
  controllers: [VenuesController],
  providers: [TenantDirectory],
  exports: [TenantDirectory],
})
export class TenantsModule {}
