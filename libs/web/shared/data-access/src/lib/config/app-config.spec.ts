import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  AppConfig,
  RUNTIME_CONFIG_PATH,
  parseRuntimeConfig,
  provideAppConfig,
} from './app-config';

describe('parseRuntimeConfig', () => {
  it('accepts an http(s) URL and drops a trailing slash', () => {
    expect(
      parseRuntimeConfig({ apiBaseUrl: 'http://localhost:3000/' }),
    ).toEqual({
      apiBaseUrl: 'http://localhost:3000',
    });
    expect(
      parseRuntimeConfig({ apiBaseUrl: 'https://api.example.test/v1/' }),
    ).toEqual({
      apiBaseUrl: 'https://api.example.test/v1',
    });
  });

  it.each([
    null,
    'http://localhost:3000',
    {},
    { apiBaseUrl: '' },
    { apiBaseUrl: 42 },
    { apiBaseUrl: '/relative' },
    { apiBaseUrl: 'javascript:alert(1)' },
    { apiBaseUrl: 'ftp://example.test' },
    { apiBaseUrl: 'https://user:pw@example.test' },
    { apiBaseUrl: 'https://example.test/?x=1' },
  ])('rejects %p', (raw) => {
    expect(() => parseRuntimeConfig(raw)).toThrow();
  });
});

describe('AppConfig', () => {
  it('throws when read before it is loaded', () => {
    const config = TestBed.inject(AppConfig);
    expect(() => config.apiBaseUrl()).toThrow(
      /before \/config\.json was loaded/,
    );
  });

  it('is loaded from /config.json by the app initializer', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withFetch()),
        provideHttpClientTesting(),
        provideAppConfig(),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const donePromise = TestBed.inject(ApplicationInitStatus).donePromise;
    http
      .expectOne(RUNTIME_CONFIG_PATH)
      .flush({ apiBaseUrl: 'http://localhost:3000' });
    await donePromise;
    expect(TestBed.inject(AppConfig).apiBaseUrl()).toBe(
      'http://localhost:3000',
    );
    http.verify();
  });
});
