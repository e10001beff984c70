import { Module } from '@nestjs/common';
import { DatabaseModule } from '@foyer/api/platform/database';
import { TenantDirectory } from './tenant-directory.service';
import { TenantRepository } from './tenant.repository';

/**
 * The `tenant` table's reads for other domains (the current venue's name, time zone,
 * retention), with no HTTP: the worker and the domain modules import this, never the
 * tenants module with its controllers.
 */
@Module({
  imports: [DatabaseModule],
  providers: [TenantRepository, TenantDirectory],
  exports: [TenantDirectory],
})
export class TenantDirectoryModule {}
