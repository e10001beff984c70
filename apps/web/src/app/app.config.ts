import {
  ApplicationConfig,
  isDevMode,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
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
    // Production builds only (the dev server never registers it): caches the app shell
    // and the public menu (freshness first) so the diner's page opens on a weak network.
    provideServiceWorker('ngsw-worker.js', {
      enabled: !isDevMode(),
      registrationStrategy: 'registerWhenStable:30000',
    }),
  ],
};
