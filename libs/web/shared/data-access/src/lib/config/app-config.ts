import { HttpClient } from '@angular/common/http';
import {
  EnvironmentProviders,
  Injectable,
  Signal,
  computed,
  inject,
  provideAppInitializer,
  signal,
} from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** Shape of `/config.json`, served by the web host so one build runs in every environment. */
export interface RuntimeConfig {
  /** Origin (and optional path prefix) of the API, without a trailing slash. */
  readonly apiBaseUrl: string;
}

/** Same-origin path of the runtime config; absolute so deep links resolve it the same way. */
export const RUNTIME_CONFIG_PATH = '/config.json';

/**
 * Validates untrusted JSON into a RuntimeConfig. Fails loudly rather than letting the app
 * talk to a half-parsed or non-HTTP(S) address.
 */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (typeof raw !== 'object' || raw === null) {
    throw new Error('Runtime config must be a JSON object');
  }
  const { apiBaseUrl } = raw as { apiBaseUrl?: unknown };
  if (typeof apiBaseUrl !== 'string' || apiBaseUrl.trim() === '') {
    throw new Error('Runtime config: apiBaseUrl must be a non-empty string');
  }
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    throw new Error('Runtime config: apiBaseUrl must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('Runtime config: apiBaseUrl must use http or https');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      'Runtime config: apiBaseUrl must not carry credentials, a query or a fragment',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { apiBaseUrl: `${url.origin}${path}` };
}

/** Runtime configuration, loaded once before the first route renders. */
@Injectable({ providedIn: 'root' })
export class AppConfig {
  private readonly loaded = signal<RuntimeConfig | null>(null);

  /** The config, or null before `/config.json` has loaded (e.g. while it is being fetched). */
  readonly current: Signal<RuntimeConfig | null> = this.loaded.asReadonly();

  /** The loaded config; reading it before the initializer has run is a programming error. */
  readonly config: Signal<RuntimeConfig> = computed(() => {
    const config = this.loaded();
    if (config === null) {
      throw new Error('AppConfig read before /config.json was loaded');
    }
    return config;
  });

  readonly apiBaseUrl: Signal<string> = computed(
    () => this.config().apiBaseUrl,
  );

  set(config: RuntimeConfig): void {
    this.loaded.set(config);
  }
}

/** Loads `/config.json` from the app's own origin during bootstrap. */
export function provideAppConfig(): EnvironmentProviders {
  return provideAppInitializer(async () => {
    const http = inject(HttpClient);
    const appConfig = inject(AppConfig);
    const raw = await firstValueFrom(
      http.get<unknown>(RUNTIME_CONFIG_PATH, { cache: 'no-store' }),
    );
    appConfig.set(parseRuntimeConfig(raw));
  });
}
