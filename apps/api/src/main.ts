import 'reflect-metadata';
import {
  APP_CONFIG,
  AppConfig,
  ConfigError,
  loadConfig,
  productionUnlessSet,
} from '@foyer/api/platform/config';
import { AppLogger } from '@foyer/api/platform/logging';
import { createApp } from './app/create-app';

const LISTEN_BACKLOG = 4096;

async function bootstrap(): Promise<void> {
  productionUnlessSet();
  // Validate before Nest starts so a bad environment fails with names, not a stack.
  loadConfig();
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  // A rush of new connections (a show opening for booking) must queue, not be dropped:
  // Node's default accept backlog is 511; the kernel caps this at net.core.somaxconn.
  // Nest hands its arguments to http.Server#listen, which takes ListenOptions.
  await app.listen({
    port: config.PORT,
    backlog: LISTEN_BACKLOG,
  } as unknown as number);
  app.get(AppLogger).log(`Foyer API listening on port ${config.PORT}`);
}

bootstrap().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : 'Foyer API failed to start';
  process.stderr.write(`${message}\n`);
  if (!(error instanceof ConfigError)) {
    process.stderr.write(
      `${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
