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
import { ErrorCode, Header } from '@foyer/contracts';
import { AppConfig, apiInterceptor } from '@foyer/web/data-access';
import { StaffUsersStore } from './staff-users.store';

const API = 'https://api.example.test';
const USERS = `${API}/api/staff/users`;
const ana = {
  id: 'u-1',
  email: 'ana@venue.test',
  displayName: 'Ana',
  role: 'owner',
  disabled: false,
  status: 'active',
};
const bo = {
  id: 'u-2',
  email: 'bo@venue.test',
  displayName: 'Bo',
  role: 'host',
  disabled: false,
  status: 'active',
};

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('StaffUsersStore', () => {
  let store: StaffUsersStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(
          withInterceptors([apiInterceptor]),
          withNoXsrfProtection(),
        ),
        provideHttpClientTesting(),
        provideRouter([]),
        StaffUsersStore,
      ],
    });
    TestBed.inject(AppConfig).set({ apiBaseUrl: API });
    store = TestBed.inject(StaffUsersStore);
    http = TestBed.inject(HttpTestingController);
    const loading = store.loadFirst();
    const req = http.expectOne((r) => r.url === USERS);
    expect(req.request.params.get('limit')).toBe('50');
    expect(req.request.params.has('cursor')).toBe(false);
    req.flush({ items: [ana, { id: 'bad' }], nextCursor: 'c2' });
    await loading;
    http
      .match(`${API}/api/auth/csrf`)
      .forEach((r) => r.flush({ csrfToken: 'tok' }));
  });

  afterEach(() => http.verify());

  function member(index: number) {
    const found = store.members()[index];
    if (!found) {
      throw new Error(`no member at ${index}`);
    }
    return found;
  }

  it('pages with the cursor', async () => {
    expect(store.members()).toEqual([ana]);
    expect(store.hasMore()).toBe(true);
    const more = store.loadMore();
    const req = http.expectOne((r) => r.url === USERS);
    expect(req.request.params.get('cursor')).toBe('c2');
    req.flush({ items: [bo], nextCursor: null });
    await more;
    expect(store.members()).toEqual([ana, bo]);
    expect(store.hasMore()).toBe(false);
  });

  it('adds a member and reuses the key when resending after a network failure', async () => {
    const member = {
      email: 'cy@venue.test',
      displayName: 'Cy',
      role: 'viewer' as const,
    };
    const first = store.add(member);
    http.expectOne(`${API}/api/auth/csrf`).flush({ csrfToken: 'tok' });
    const req1 = http.expectOne((r) => r.url === USERS && r.method === 'POST');
    expect(req1.request.body).toEqual(member);
    const key = req1.request.headers.get(Header.IDEMPOTENCY_KEY);
    req1.error(new ProgressEvent('error'));
    expect(await first).toMatchObject({ code: 'NETWORK_ERROR' });

    const second = store.add(member);
    await settle();
    const req2 = http.expectOne((r) => r.url === USERS && r.method === 'POST');
    expect(req2.request.headers.get(Header.IDEMPOTENCY_KEY)).toBe(key);
    req2.flush(
      { id: 'u-3', ...member, status: 'invited', disabled: false },
      { status: 201, statusText: 'Created' },
    );
    expect(await second).toBeNull();
    expect(store.members().map((m) => m.id)).toEqual(['u-1', 'u-3']);
  });

  it('returns LAST_OWNER and leaves the row as it was', async () => {
    const done = store.setDisabled(member(0), true);
    http
      .match(`${API}/api/auth/csrf`)
      .forEach((r) => r.flush({ csrfToken: 'tok' }));
    const req = http.expectOne(`${USERS}/u-1`);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ disabled: true });
    expect(store.isBusy('u-1')).toBe(true);
    req.flush(
      {
        status: 409,
        code: ErrorCode.LAST_OWNER,
        title: 'Conflict',
        detail: 'last owner',
        type: 'about:blank',
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(await done).toMatchObject({
      status: 409,
      code: ErrorCode.LAST_OWNER,
    });
    expect(store.members()[0]).toEqual(ana);
    expect(store.isBusy('u-1')).toBe(false);
  });

  it('changes a role and removes a member', async () => {
    const more = store.loadMore();
    http
      .expectOne((r) => r.url === USERS)
      .flush({ items: [bo], nextCursor: null });
    await more;

    const change = store.changeRole(member(1), 'manager');
    http
      .match(`${API}/api/auth/csrf`)
      .forEach((r) => r.flush({ csrfToken: 'tok' }));
    const patch = http.expectOne(`${USERS}/u-2`);
    expect(patch.request.body).toEqual({ role: 'manager' });
    patch.flush({ ...bo, role: 'manager' });
    expect(await change).toBeNull();
    expect(store.members()[1]?.role).toBe('manager');

    const removal = store.remove(member(1));
    const del = http.expectOne(`${USERS}/u-2`);
    expect(del.request.method).toBe('DELETE');
    expect(del.request.headers.get(Header.IDEMPOTENCY_KEY)).toBeTruthy();
    del.flush(null, { status: 204, statusText: 'No Content' });
    expect(await removal).toBeNull();
    expect(store.members()).toEqual([ana]);
  });
});
