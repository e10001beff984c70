import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ApiStatusService } from './api-status';

const STATUS_TEXT = {
  checking: 'Checking the API…',
  ready: 'API ready',
  unavailable: 'API unavailable',
} as const;

@Component({
  selector: 'foyer-home',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="home" aria-labelledby="home-title">
      <h1 id="home-title">Foyer</h1>
      <p class="lede">
        Foyer lets venues take reservations with QR check-in at the door and run
        QR table ordering, with staff working from one dashboard.
      </p>
      <p class="demo">
        <a class="btn" routerLink="/v/demo">Book at the demo venue</a>
      </p>
      <p class="status" [attr.data-status]="status()" aria-live="polite">
        {{ statusText() }}
      </p>
    </section>
  `,
  styles: `
    .home h1 {
      margin: 0 0 0.5rem;
      font-size: clamp(2rem, 8vw, 3rem);
      line-height: 1.1;
    }
    .lede {
      margin: 0 0 1.5rem;
      max-width: 40rem;
      color: var(--foyer-muted);
      font-size: 1.125rem;
    }
    .demo {
      margin: 0 0 1.5rem;
    }
    .demo .btn {
      text-decoration: none;
    }
    .status {
      display: inline-block;
      margin: 0;
      padding: 0.25rem 0.75rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      font-weight: 600;
    }
    .status[data-status='ready'] {
      color: var(--foyer-ok);
    }
    .status[data-status='unavailable'] {
      color: var(--foyer-bad);
    }
  `,
})
export class Home {
  protected readonly status = toSignal(inject(ApiStatusService).check(), {
    requireSync: true,
  });
  protected readonly statusText = computed(() => STATUS_TEXT[this.status()]);
}
