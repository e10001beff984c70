import { INestApplication, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig, configureApp } from '@foyer/api/platform';
import { TestDatabase, applyTestEnvironment } from '@foyer/api/testing';
import { AppModule } from '../app/app.module';

/** The real AppModule (plus probe controllers) on a test database, configured as main.ts does. */
export async function bootApi(
  db: TestDatabase,
  env: Record<string, string> = {},
  controllers: Type<unknown>[] = [],
): Promise<INestApplication> {
  applyTestEnvironment(db, env);
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule],
    controllers,
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureApp(app, app.get<AppConfig>(APP_CONFIG));
  await app.init();
  return app;
}
