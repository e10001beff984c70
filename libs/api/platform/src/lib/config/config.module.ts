import { Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './config.schema';

/** Injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The validated configuration (APP_CONFIG). Every module whose providers read it imports
 * this module; Nest builds it once per process, so `loadConfig` runs once.
 */
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig() },
  ],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
