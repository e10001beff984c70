import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';

/** "Show more" under a cursor-paged list; hidden on the last page. */
@Component({
  selector: 'foyer-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (hasMore()) {
      <button
        type="button"
        class="btn btn-secondary"
        data-testid="show-more"
        [disabled]="loading()"
        (click)="more.emit()"
      >
        {{ loading() ? 'Loading…' : 'Show more' }}
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 1rem;
    }
  `,
})
export class Pager {
  readonly hasMore = input.required<boolean>();
  readonly loading = input.required<boolean>();
  readonly more = output<void>();
}
