import {
  provideHttpClient,
  withInterceptors,
  withNoXsrfProtection,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AppConfig, apiInterceptor } from '@foyer/web/data-access';
import { AuditStore } from './audit.store';

const API = 'https://api.example.test';
const AUDIT = `${API}/api/staff/audit`;
const event = {
  id: 'e-1',
  occurredAt: '2030-01-01T10:00:00.000Z',
  actorId: 'u-1',
  action: 'staff.role_changed',
  targetType: 'user',
  targetId: 'u-2',
  metadata: { from: 'host', to: 'manager' },
};

describe('AuditStore', () => {
  let store: AuditStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(
          withInterceptors([apiInterceptor]),
          withNoXsrfProtection(),
        ),
        provideHttpClientTesting(),
        provideRouter([]),
        AuditStore,
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    store = TestBed.inject(AuditStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends only the filters that are set, then pages with the same filters', async () => {
    const search = store.search({
      action: ' staff.role_changed ',
      actorId: '',
      from: '2030-01-01T00:00:00.000Z',
    });
    const req = http.expectOne((r) => r.url === AUDIT);
    expect(req.request.params.keys().sort()).toEqual([
      'action',
      'from',
      'limit',
    ]);
    expect(req.request.params.get('action')).toBe('staff.role_changed');
    req.flush({ items: [event], nextCursor: 'c2' });
    await search;
    expect(store.events()).toEqual([event]);

    const more = store.loadMore();
    const next = http.expectOne((r) => r.url === AUDIT);
    expect(next.request.params.get('cursor')).toBe('c2');
    expect(next.request.params.get('action')).toBe('staff.role_changed');
    next.flush({ items: [], nextCursor: null });
    await more;
    expect(store.hasMore()).toBe(false);
  });

  it('ignores the answer to a search that was replaced', async () => {
    const first = store.search({ action: 'a' });
    const second = store.search({ action: 'b' });
    const [stale, fresh] = http.match((r) => r.url === AUDIT);
    fresh?.flush({ items: [event], nextCursor: null });
    stale?.flush({ items: [{ ...event, id: 'stale' }], nextCursor: 'x' });
    await Promise.all([first, second]);
    expect(store.events().map((e) => e.id)).toEqual(['e-1']);
    expect(store.hasMore()).toBe(false);
  });

  it('verifies the chain', async () => {
    const done = store.verify();
    http
      .expectOne(`${AUDIT}/verify`)
      .flush({ ok: false, checked: 12, firstBrokenId: 'e-7' });
    await done;
    expect(store.verification()).toEqual({
      ok: false,
      checked: 12,
      firstBrokenId: 'e-7',
    });
    expect(store.verifying()).toBe(false);
  });
});
