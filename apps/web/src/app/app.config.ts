import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter } from '@angular/router';
import { provideApiHttpClient, provideAppConfig } from '@foyer/web/data-access';
import { appRoutes } from './app.routes';
import { provideFocusOnNavigation } from './focus-on-navigation';

// Zoneless change detection is Angular 21's default: no zone.js polyfill is loaded.
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideApiHttpClient(),
    provideAppConfig(),
    provideRouter(appRoutes),
    provideFocusOnNavigation(),
  ],
};
