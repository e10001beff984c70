import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule } from '@foyer/api/platform';
import { TenantsModule } from '@foyer/api/tenants';

/** What operating commands need: config, the database as the runtime role, the domain services. */
@Module({ imports: [AppConfigModule, DatabaseModule, TenantsModule] })
export class CliModule {}
