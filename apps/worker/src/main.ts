import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  loadConfig,
  productionUnlessSet,
} from '@foyer/api/platform/config';
import { AppLogger } from '@foyer/api/platform/logging';
import { WorkerModule } from './app/worker.module';

async function bootstrap(): Promise<void> {
  productionUnlessSet();
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
  });
  app.useLogger(app.get(AppLogger));
  // SIGTERM closes queues and the outbox listener, letting running jobs finish.
  app.enableShutdownHooks();
  app.get(AppLogger).log('Foyer worker running');
}

bootstrap().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : 'Foyer worker failed to start';
  process.stderr.write(`${message}\n`);
  if (!(error instanceof ConfigError)) {
    process.stderr.write(
      `${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
