import {
  ChangeDetectionStrategy,
  Component,
  booleanAttribute,
  input,
  output,
} from '@angular/core';

/** How a message region is announced: politely, assertively, or as an alert. */
export type Announce = 'polite' | 'assertive' | 'alert';

/**
 * The live region where a form or list says what went wrong, present before it has
 * anything to say so screen readers announce the words when they appear. The host is
 * the region: give it the `id` a form's `aria-describedby` names, a `data-testid`, or
 * `tabindex="-1"` to move focus to it. With `retryable` the message offers "Try again".
 */
@Component({
  selector: 'foyer-problem-message',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'form-status',
    '[class.ok]': 'success()',
    '[attr.role]': "announce() === 'alert' ? 'alert' : null",
    '[attr.aria-live]': "announce() === 'alert' ? null : announce()",
    'aria-atomic': 'true',
  },
  template: `
    @if (message()) {
      <p>
        {{ message() }}
        @if (retryable()) {
          <button type="button" class="link-button" (click)="retry.emit()">
            Try again
          </button>
        }
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class ProblemMessage {
  /** What to say; nothing is shown while it is empty. */
  readonly message = input('');
  readonly announce = input<Announce>('assertive');
  /** Offer "Try again", which emits `retry`. */
  readonly retryable = input(false, { transform: booleanAttribute });
  /** The message reports a success, for a form that says both in one place. */
  readonly success = input(false, { transform: booleanAttribute });
  readonly retry = output<void>();
}
