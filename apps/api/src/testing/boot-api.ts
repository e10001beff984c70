import { INestApplication, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { configureApp } from '@foyer/api/platform/http';
import { TestDatabase, applyTestEnvironment } from '@foyer/api/testing';
import { AppModule } from '../app/app.module';

/** The real AppModule (plus probe controllers) on a test database, configured as main.ts does. */
export async function bootApi(
  db: TestDatabase,
  env: Record<string, string> = {},
  controllers: Type<unknown>[] = [],
  /** Runs after configureApp, before init (routes are registered then). */
  beforeInit?: (app: INestApplication) => void,
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
  beforeInit?.(app);
  await app.init();
  return app;
}
