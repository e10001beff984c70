import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AppConfig } from '@foyer/web/data-access';
import { Home } from './home';

const API = 'https://api.example.test';

describe('Home', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [Home],
      providers: [
        provideHttpClient(withFetch()),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(Home);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const status = () =>
      root.querySelector<HTMLElement>('[aria-live="polite"]');
    return { fixture, root, status };
  }

  it('renders the heading and a polite live region while checking', async () => {
    const { root, status } = await render();
    expect(root.querySelector('h1')?.textContent?.trim()).toBe('Foyer');
    expect(status()?.textContent).toContain('Checking the API');
    expect(root.querySelector('a[href="/v/demo"]')?.textContent).toContain(
      'demo venue',
    );
    http.expectOne(`${API}/health/ready`);
  });

  it('shows "API ready" when /health/ready answers 200', async () => {
    const { fixture, status } = await render();
    const req = http.expectOne(`${API}/health/ready`);
    expect(req.request.method).toBe('GET');
    req.flush({ status: 'ok' });
    await fixture.whenStable();
    expect(status()?.textContent?.trim()).toBe('API ready');
    expect(status()?.dataset['status']).toBe('ready');
  });

  it('shows "API unavailable" when /health/ready answers 503', async () => {
    const { fixture, status } = await render();
    http
      .expectOne(`${API}/health/ready`)
      .flush(
        { status: 'error' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await fixture.whenStable();
    expect(status()?.textContent?.trim()).toBe('API unavailable');
  });

  it('shows "API unavailable" when the request fails at the network level', async () => {
    const { fixture, status } = await render();
    http.expectOne(`${API}/health/ready`).error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(status()?.textContent?.trim()).toBe('API unavailable');
  });
});
