import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { focusMainHeading } from './focus-on-navigation';

/**
 * Root: the skip link and the outlet. Each layout (public pages, staff shell) brings its own
 * landmarks with a `main#main`.
 */
@Component({
  selector: 'foyer-root',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)"
      >Skip to content</a
    >
    <router-outlet />
  `,
  styles: `
    .skip-link {
      position: absolute;
      left: -9999px;
      z-index: 100;
    }
    .skip-link:focus {
      left: var(--foyer-space);
      top: var(--foyer-space);
      padding: 0.5rem 0.75rem;
      background: var(--foyer-bg);
    }
  `,
})
export class App {
  private readonly doc = inject(DOCUMENT);

  /** With `<base href="/">` a bare `#main` link would leave the page; focus in place instead. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    focusMainHeading(this.doc);
  }
}
