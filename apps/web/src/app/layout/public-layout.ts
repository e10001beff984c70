import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

/** Frame of the public pages (home, login): header, main landmark, footer. */
@Component({
  selector: 'foyer-public-layout',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="shell-header">
      <a class="brand" routerLink="/">Foyer</a>
      <a class="staff-link" routerLink="/login">Staff sign in</a>
    </header>
    <main id="main" class="shell-main" tabindex="-1">
      <router-outlet />
    </main>
    <footer class="shell-footer">
      <p>Foyer venue platform</p>
    </footer>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    .shell-header,
    .shell-footer {
      padding: 0.75rem var(--foyer-space);
    }
    .shell-header {
      display: flex;
      justify-content: space-between;
      align-items: center;
      border-bottom: 1px solid var(--foyer-line);
    }
    .brand {
      font-weight: 700;
      letter-spacing: 0.02em;
      color: inherit;
      text-decoration: none;
    }
    .shell-main {
      flex: 1;
      width: 100%;
      max-width: 60rem;
      margin: 0 auto;
      padding: var(--foyer-space);
    }
    .shell-main:focus {
      outline: none;
    }
    .shell-footer {
      color: var(--foyer-muted);
      font-size: 0.875rem;
    }
    .shell-footer p {
      margin: 0;
    }
    @media (min-width: 48rem) {
      .shell-main {
        padding: calc(var(--foyer-space) * 2);
      }
    }
  `,
})
export class PublicLayout {}
