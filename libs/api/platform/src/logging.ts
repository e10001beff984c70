/** `@foyer/api/platform/logging`: pino (AppLogger) and security events. */
export { LoggingModule } from './lib/logging/logging.module';
export * from './lib/logging/app-logger.service';
export * from './lib/logging/security-events.service';
