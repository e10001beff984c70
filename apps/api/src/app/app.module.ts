import { Module } from '@nestjs/common';
import { PlatformModule, requestPipeline } from '@foyer/api/platform';
import { TenantsModule } from '@foyer/api/tenants';

/** The composition root: platform, domain modules, and the request pipeline in contract order. */
@Module({
  imports: [PlatformModule, TenantsModule],
  providers: requestPipeline(),
})
export class AppModule {}
