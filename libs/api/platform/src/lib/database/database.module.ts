import { Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { APP_CONFIG, AppConfigModule } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { RequestTenantInterceptor } from './request-tenant.interceptor';
import { TenantContext } from './tenant-context.service';

/**
 * PostgreSQL through TypeORM as the least-privilege runtime role. The schema comes only
 * from migrations (run by the owner role); `synchronize` stays off. A module whose
 * providers query the database or run in the tenant context (TenantContext) imports this.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [AppConfigModule],
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.DATABASE_URL,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        applicationName: 'foyer',
        extra: { max: config.DATABASE_POOL_SIZE },
      }),
    }),
    ClsModule.forRoot({
      global: true,
      middleware: { mount: true },
      plugins: [
        new ClsPluginTransactional({
          imports: [TypeOrmModule],
          adapter: new TransactionalAdapterTypeOrm({
            dataSourceToken: getDataSourceToken(),
          }),
        }),
      ],
    }),
  ],
  providers: [TenantContext, RequestTenantInterceptor],
  exports: [TenantContext, RequestTenantInterceptor],
})
export class DatabaseModule {}
