import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, RouterOutlet, provideRouter } from '@angular/router';
import { provideFocusOnNavigation } from './focus-on-navigation';

@Component({
  imports: [RouterOutlet],
  template: '<main id="main"><router-outlet /></main>',
})
class Host {}

@Component({ template: '<h1>First</h1>' })
class First {}

@Component({ template: '<h1>Second</h1><button>Other</button>' })
class Second {}

describe('provideFocusOnNavigation', () => {
  it('focuses the new page heading after in-app navigation, not on first load', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', component: First },
          { path: 'second', component: Second },
        ]),
        provideFocusOnNavigation(),
      ],
    });
    const fixture = TestBed.createComponent(Host);
    document.body.appendChild(fixture.nativeElement);
    const router = TestBed.inject(Router);

    await router.navigateByUrl('/');
    await fixture.whenStable();
    expect(document.activeElement).toBe(document.body);

    await router.navigateByUrl('/second');
    await fixture.whenStable();
    const heading = document.querySelector('#main h1');
    expect(heading?.textContent).toBe('Second');
    expect(document.activeElement).toBe(heading);
    expect(heading?.getAttribute('tabindex')).toBe('-1');
    (fixture.nativeElement as HTMLElement).remove();
  });
});
