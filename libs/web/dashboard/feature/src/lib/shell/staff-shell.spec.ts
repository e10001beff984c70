import { Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Permission, ROLE_PERMISSIONS, Role } from '@foyer/contracts';
import { Membership, SessionStore } from '@foyer/web/data-access';
import { StaffShell } from './staff-shell';

@Component({ template: '<h1>Page</h1>' })
class Blank {}

const teatro = { id: 't-1', slug: 'teatro', name: 'Teatro' };
const bar = { id: 't-2', slug: 'bar', name: 'Bar' };

class FakeSession {
  readonly roleSignal = signal<Role>('viewer');
  readonly user = signal({
    id: 'u-1',
    email: 'ana@venue.test',
    displayName: 'Ana',
  });
  readonly tenant = signal(teatro);
  readonly role = this.roleSignal.asReadonly();
  readonly memberships = signal<readonly Membership[]>([
    { tenant: teatro, role: 'viewer' },
  ]);
  private readonly granted = computed(
    () => ROLE_PERMISSIONS[this.roleSignal()],
  );
  readonly logout = jest.fn(async () => undefined);
  readonly logoutAll = jest.fn(async () => undefined);
  readonly switchTenant = jest.fn(async (id: string) => {
    this.tenant.set(id === bar.id ? bar : teatro);
  });
  can(permission: Permission): boolean {
    return this.granted().includes(permission);
  }
}

describe('StaffShell', () => {
  let session: FakeSession;

  async function render(role: Role) {
    session = new FakeSession();
    session.roleSignal.set(role);
    TestBed.configureTestingModule({
      providers: [
        { provide: SessionStore, useValue: session },
        provideRouter([
          { path: 'login', component: Blank },
          { path: 'staff', component: Blank },
        ]),
      ],
    });
    const fixture = TestBed.createComponent(StaffShell);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const link = (id: string) =>
      root.querySelector<HTMLAnchorElement>(`[data-testid="nav-${id}"]`);
    return { fixture, root, link };
  }

  it('does not show Staff or Audit to a viewer', async () => {
    const { link } = await render('viewer');
    expect(link('staff')).toBeNull();
    expect(link('audit')).toBeNull();
    expect(link('performances')?.textContent?.trim()).toBe('Performances');
    expect(link('menu')).not.toBeNull();
  });

  it('shows Staff and Audit to an admin, linking to their pages', async () => {
    const { link } = await render('admin');
    expect(link('staff')?.getAttribute('href')).toBe('/staff/users');
    expect(link('staff')?.textContent?.trim()).toBe('Staff');
    expect(link('audit')?.getAttribute('href')).toBe('/staff/audit');
  });

  it('has a labelled navigation landmark and a menu toggle that reports its state', async () => {
    const { fixture, root } = await render('manager');
    expect(root.querySelector('nav')?.getAttribute('aria-label')).toBe(
      'Staff sections',
    );
    const toggle = root.querySelector<HTMLButtonElement>(
      'button[aria-controls="staff-nav"]',
    );
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    toggle?.click();
    await fixture.whenStable();
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('nav')?.classList).toContain('open');
  });

  it.each(['viewer', 'kitchen', 'owner'] as const)(
    'links a %s to their account page from the user menu',
    async (role) => {
      const { fixture, root } = await render(role);
      root
        .querySelector<HTMLButtonElement>('[data-testid="user-menu"]')
        ?.click();
      await fixture.whenStable();
      expect(
        root
          .querySelector('[data-testid="account-link"]')
          ?.getAttribute('href'),
      ).toBe('/staff/account');
      expect(
        root.querySelector('a[href="/staff/account/password"]')?.textContent,
      ).toContain('Change password');
    },
  );

  it('logs out and goes to the login page', async () => {
    const { fixture, root } = await render('host');
    root.querySelector<HTMLButtonElement>('[data-testid="logout"]')?.click();
    await fixture.whenStable();
    expect(session.logout).toHaveBeenCalled();
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('offers a labelled venue switcher when the user has several venues', async () => {
    const { fixture, root } = await render('owner');
    session.memberships.set([
      { tenant: teatro, role: 'owner' },
      { tenant: bar, role: 'viewer' },
    ]);
    await fixture.whenStable();
    const select = root.querySelector<HTMLSelectElement>('#tenant-switcher');
    expect(
      root.querySelector('label[for="tenant-switcher"]')?.textContent,
    ).toContain('Venue');
    if (!select) {
      throw new Error('no switcher');
    }
    select.value = bar.id;
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(session.switchTenant).toHaveBeenCalledWith('t-2');
    expect(
      root.querySelector('[data-testid="shell-status"]')?.textContent,
    ).toContain('Switched to Bar.');
  });
});
