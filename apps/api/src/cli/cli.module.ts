import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { AuthModule } from '@foyer/api/auth';
import { PlatformModule } from '@foyer/api/platform';
import { TenantsModule } from '@foyer/api/tenants';

/** What operating commands need: the platform (config, database as the runtime role) and the domain services. */
@Module({ imports: [PlatformModule, AuditModule, AuthModule, TenantsModule] })
export class CliModule {}
