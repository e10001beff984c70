export * from './lib/menu.module';
