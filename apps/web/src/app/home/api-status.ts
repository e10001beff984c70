import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, of, startWith } from 'rxjs';
import { AppConfig } from '@foyer/web/data-access';

export type ApiStatus = 'checking' | 'ready' | 'unavailable';

/** Readiness of the API as seen from this browser (network, CORS and the API itself). */
@Injectable({ providedIn: 'root' })
export class ApiStatusService {
  private readonly http = inject(HttpClient);
  private readonly appConfig = inject(AppConfig);

  /** Emits 'checking' synchronously, then 'ready' or 'unavailable'. Never errors. */
  check(): Observable<ApiStatus> {
    return this.http
      .get(`${this.appConfig.apiBaseUrl()}/health/ready`, { cache: 'no-store' })
      .pipe(
        map((): ApiStatus => 'ready'),
        catchError(() => of<ApiStatus>('unavailable')),
        startWith<ApiStatus>('checking'),
      );
  }
}
