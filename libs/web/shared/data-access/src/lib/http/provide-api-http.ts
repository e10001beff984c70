import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withNoXsrfProtection,
} from '@angular/common/http';
import {
  EnvironmentProviders,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import * as z from 'zod/mini';
import { apiInterceptor } from './api.interceptor';

/**
 * HttpClient for the app: fetch backend and the API interceptor. Angular's own XSRF
 * interceptor is off: it reads `document.cookie`, while our CSRF token comes from API
 * response bodies (see SessionStore). Answers are read with the contract schemas with
 * zod's JIT off: its `new Function` probe would be a CSP violation (no 'unsafe-eval').
 */
export function provideApiHttpClient(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(
      withFetch(),
      withInterceptors([apiInterceptor]),
      withNoXsrfProtection(),
    ),
    provideEnvironmentInitializer(() => z.config({ jitless: true })),
  ]);
}
