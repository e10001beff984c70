import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { SessionStore } from '@foyer/web/data-access';
import { visibleNavItems } from '../shell/staff-nav';

@Component({
  selector: 'foyer-staff-landing',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">Welcome, {{ user()?.displayName }}</h1>
    <p class="muted">
      Signed in to <strong>{{ tenant()?.name }}</strong> as {{ role() }}.
    </p>
    @if (items().length > 0) {
      <h2>Your areas</h2>
      <ul class="areas">
        @for (item of items(); track item.id) {
          <li>
            <a [routerLink]="['/staff', item.path]">{{ item.label }}</a>
            @if (!item.ready) {
              <span class="muted"> (coming soon)</span>
            }
          </li>
        }
      </ul>
    } @else {
      <p>
        Your role has no staff areas yet. Ask an owner or admin if that is
        wrong.
      </p>
    }
  `,
  styles: `
    .areas {
      padding-left: 1.25rem;
    }
    .areas li {
      margin: 0.25rem 0;
    }
  `,
})
export class StaffLanding {
  private readonly session = inject(SessionStore);
  protected readonly user = this.session.user;
  protected readonly tenant = this.session.tenant;
  protected readonly role = this.session.role;
  protected readonly items = computed(() =>
    visibleNavItems((p) => this.session.can(p)),
  );
}
