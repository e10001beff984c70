import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  Signal,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

/**
 * A destructive action that asks in place before it happens: the button turns into the
 * question with a confirm and a keep button, and only the confirm emits `confirmed`.
 * Focus moves to "keep" while asking (the safe choice) and back to the button after.
 * `target` names what the action is on for screen readers ("Delete" + " Hall").
 */
@Component({
  selector: 'foyer-confirm-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (asking()) {
      <span class="asking" role="group" [attr.aria-label]="groupLabel()">
        @if (question()) {
          <span>{{ question() }}</span>
        }
        <button
          type="button"
          class="btn btn-danger"
          [disabled]="disabled()"
          (click)="confirm()"
        >
          {{ confirmLabel() }}
        </button>
        <button
          #keepButton
          type="button"
          class="btn btn-secondary"
          (click)="keep()"
        >
          {{ keepLabel() }}
        </button>
      </span>
    } @else {
      <button
        #askButton
        type="button"
        class="btn btn-secondary"
        [disabled]="disabled()"
        (click)="ask()"
      >
        {{ label() }}<span class="visually-hidden"> {{ target() }}</span>
      </button>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .asking {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
    }
  `,
})
export class ConfirmButton {
  /** The button's visible word, e.g. "Delete". */
  readonly label = input.required<string>();
  /** What it acts on, for screen readers only, e.g. "Hall". */
  readonly target = input('');
  /** Shown while asking, e.g. "Delete Hall?". */
  readonly question = input('');
  readonly confirmLabel = input.required<string>();
  readonly keepLabel = input('Keep');
  /** While the page is busy with this row: neither asking nor confirming. */
  readonly disabled = input(false);
  readonly confirmed = output<void>();

  protected readonly asking = signal(false);
  protected readonly groupLabel = computed(
    () => this.question() || `${this.label()} ${this.target()}`.trim(),
  );
  private readonly askButton =
    viewChild<ElementRef<HTMLButtonElement>>('askButton');
  private readonly keepButton =
    viewChild<ElementRef<HTMLButtonElement>>('keepButton');
  private readonly injector = inject(Injector);

  protected ask(): void {
    this.asking.set(true);
    this.focusAfterRender(this.keepButton);
  }

  protected keep(): void {
    this.asking.set(false);
    this.focusAfterRender(this.askButton);
  }

  protected confirm(): void {
    this.asking.set(false);
    this.confirmed.emit();
    this.focusAfterRender(this.askButton);
  }

  private focusAfterRender(
    button: Signal<ElementRef<HTMLButtonElement> | undefined>,
  ): void {
    afterNextRender(() => button()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }
}
