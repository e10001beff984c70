import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

@Component({
  selector: 'foyer-root',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="shell-header">
      <span class="brand">Foyer</span>
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
    .skip-link {
      position: absolute;
      left: -9999px;
    }
    .skip-link:focus {
      left: var(--foyer-space);
      top: var(--foyer-space);
      padding: 0.5rem 0.75rem;
      background: var(--foyer-bg);
    }
    .shell-header,
    .shell-footer {
      padding: 0.75rem var(--foyer-space);
    }
    .shell-header {
      border-bottom: 1px solid
        color-mix(in srgb, var(--foyer-fg) 15%, transparent);
    }
    .brand {
      font-weight: 700;
      letter-spacing: 0.02em;
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
export class App {}
