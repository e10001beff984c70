import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { PublicLayout } from './layout/public-layout';

describe('App', () => {
  it('renders the skip link, and focuses the main heading when it is used', async () => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([{ path: '', component: PublicLayout }])],
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const skip = root.querySelector<HTMLAnchorElement>('a.skip-link');
    expect(skip?.textContent).toContain('Skip to content');

    document.body.appendChild(root);
    const main = document.createElement('main');
    main.id = 'main';
    main.innerHTML = '<h1>Page</h1>';
    document.body.appendChild(main);
    const click = new MouseEvent('click', { cancelable: true });
    skip?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(main.querySelector('h1'));
    main.remove();
    root.remove();
  });
});

describe('PublicLayout', () => {
  it('renders the shell landmarks and a staff sign-in link', async () => {
    TestBed.configureTestingModule({
      imports: [PublicLayout],
      providers: [provideRouter([])],
    });
    const fixture = TestBed.createComponent(PublicLayout);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('header')).not.toBeNull();
    expect(root.querySelector('main#main')).not.toBeNull();
    expect(root.querySelector('footer')).not.toBeNull();
    expect(root.querySelector('a[href="/login"]')?.textContent).toContain(
      'Staff sign in',
    );
  });
});
