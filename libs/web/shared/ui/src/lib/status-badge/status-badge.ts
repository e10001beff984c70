import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** `ok` for a good state, `bad` for a refused or ended one, `accent` to stand out. */
export type BadgeTone = 'neutral' | 'ok' | 'bad' | 'accent';

/**
 * A short status word beside a name or in a cell ("Invited", "Live", "confirmed"), its
 * tone in colour and the same meaning in its words. The host is the badge, so a
 * `data-testid` on it names the word.
 */
@Component({
  selector: 'foyer-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'badge',
    '[class.badge-ok]': "tone() === 'ok'",
    '[class.badge-bad]': "tone() === 'bad'",
    '[class.badge-accent]': "tone() === 'accent'",
  },
  template: '<ng-content />',
  styles: `
    :host(.badge-ok) {
      color: var(--foyer-ok);
      background: color-mix(in srgb, var(--foyer-ok) 14%, transparent);
    }
    :host(.badge-bad) {
      color: var(--foyer-bad);
      background: color-mix(in srgb, var(--foyer-bad) 12%, transparent);
    }
    :host(.badge-accent) {
      color: var(--foyer-bg);
      background: var(--foyer-accent);
    }
  `,
})
export class StatusBadge {
  readonly tone = input<BadgeTone>('neutral');
}
