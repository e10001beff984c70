import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withNoXsrfProtection,
} from '@angular/common/http';
import { EnvironmentProviders } from '@angular/core';
import { apiInterceptor } from './api.interceptor';

/**
 * HttpClient for the app: fetch backend and the API interceptor. Angular's own XSRF
 * interceptor is off: it reads `document.cookie`, while our CSRF token comes from API
 * response bodies (see SessionStore).
 */
export function provideApiHttpClient(): EnvironmentProviders {
  return provideHttpClient(
    withFetch(),
    withInterceptors([apiInterceptor]),
    withNoXsrfProtection(),
  );
}
