import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '@foyer/api/platform/config';
import { configureApp } from '@foyer/api/platform/http';
import { RealtimeIoAdapter } from '@foyer/api/realtime';
import { AppModule } from './app.module';

/** Builds the API exactly as production runs it. */
export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app, app.get<AppConfig>(APP_CONFIG));
  // socket.io with the origin allowlist, handshake limits and the Redis adapter (before init).
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  return app;
}
