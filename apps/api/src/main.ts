import 'reflect-metadata';
import { APP_CONFIG, AppConfig, ConfigError, loadConfig } from '@foyer/api/platform';
import { Logger } from 'nestjs-pino';
import { createApp } from './app/create-app';

async function bootstrap(): Promise<void> {
  // Validate before Nest starts so a bad environment fails with names, not a stack.
  loadConfig();
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT);
  app.get(Logger).log(`Foyer API listening on port ${config.PORT}`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : 'Foyer API failed to start';
  process.stderr.write(`${message}\n`);
  if (!(error instanceof ConfigError)) {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
