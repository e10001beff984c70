import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** What an empty list says: "Loading…" while it loads, then why there is nothing. */
@Component({
  selector: 'foyer-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ loading() ? 'Loading…' : message() }}`,
  styles: `
    :host {
      display: block;
      color: var(--foyer-muted);
    }
  `,
})
export class EmptyState {
  readonly message = input.required<string>();
  readonly loading = input(false);
}
