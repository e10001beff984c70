import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AppConfig } from '@foyer/web/data-access';
import { AuditPage } from './audit-page';

const API = 'https://api.example.test';
const AUDIT = `${API}/api/staff/audit`;
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('AuditPage', () => {
  let http: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AuditPage);
    http
      .expectOne((r) => r.url === AUDIT)
      .flush({
        items: [
          {
            id: 'e-1',
            occurredAt: '2030-01-01T10:00:00.000Z',
            actorId: null,
            action: 'tenant.created',
            targetType: 'tenant',
            targetId: 't-1',
            metadata: { note: '<img src=x onerror=alert(1)>' },
          },
        ],
        nextCursor: null,
      });
    await settle();
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => http.verify());

  it('lists events as text, never as HTML', async () => {
    const { root } = await render();
    expect(
      root.querySelector('[data-testid="audit-status"]')?.textContent,
    ).toContain('1 event shown.');
    expect(root.querySelector('tbody img')).toBeNull();
    expect(root.querySelector('tbody code')?.textContent).toContain('<img');
    expect(root.querySelector('tbody')?.textContent).toContain('system');
  });

  it('shows the verify result in a live region', async () => {
    const { fixture, root } = await render();
    root
      .querySelector<HTMLButtonElement>('[data-testid="verify-chain"]')
      ?.click();
    http
      .expectOne(`${AUDIT}/verify`)
      .flush({ ok: false, checked: 7, firstBrokenId: 'e-5' });
    await settle();
    await fixture.whenStable();
    const result = root.querySelector('[data-testid="verify-result"]');
    expect(result?.getAttribute('aria-live')).toBe('polite');
    expect(result?.textContent).toContain(
      'Chain broken at event e-5 after 7 checked.',
    );
  });

  it('refuses a malformed actor id without calling the API, then filters', async () => {
    const { fixture, root } = await render();
    const actor = root.querySelector<HTMLInputElement>(
      '#audit-actor',
    ) as HTMLInputElement;
    actor.value = 'not-a-uuid';
    actor.dispatchEvent(new Event('input'));
    const form = root.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(actor.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#audit-actor-error')?.textContent).toContain(
      'UUID',
    );
    http.expectNone((r) => r.url === AUDIT);

    actor.value = '3f2b6c1e-2a4d-4f6e-9a8b-1c2d3e4f5a6b';
    actor.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    const req = http.expectOne((r) => r.url === AUDIT);
    expect(req.request.params.get('actorId')).toBe(
      '3f2b6c1e-2a4d-4f6e-9a8b-1c2d3e4f5a6b',
    );
    req.flush({ items: [], nextCursor: null });
  });
});
