import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { EmptyState } from '../empty-state/empty-state';

/** A column heading; a `hidden` one is read by screen readers only (a column of buttons). */
export interface DataTableColumn {
  readonly label: string;
  readonly hidden?: boolean;
}

/**
 * A list as a table that scrolls sideways on its own and, below 48rem, shows each row as
 * a card with every cell under its column name (give each `<td>` a `data-label`). The
 * page projects its `<tr>` rows; while there are none the table says `emptyText`, or
 * "Loading…" while `loading`. The scrolling region is named by `labelledBy` (the id of
 * the heading above it) or `label`.
 */
@Component({
  selector: 'foyer-data-table',
  imports: [EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="table-scroll"
      role="region"
      tabindex="0"
      [attr.aria-labelledby]="labelledBy() || null"
      [attr.aria-label]="label() || null"
    >
      <table class="data-table stack" [attr.data-testid]="testId() || null">
        <thead>
          <tr>
            @for (column of headings(); track $index) {
              <th scope="col">
                @if (column.hidden) {
                  <span class="visually-hidden">{{ column.label }}</span>
                } @else {
                  {{ column.label }}
                }
              </th>
            }
          </tr>
        </thead>
        <tbody>
          <ng-content />
          @if (empty() && emptyText()) {
            <tr>
              <td [attr.colspan]="headings().length">
                <foyer-empty-state
                  [loading]="loading()"
                  [message]="emptyText()"
                />
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class DataTable {
  readonly columns = input.required<readonly (string | DataTableColumn)[]>();
  readonly labelledBy = input('');
  readonly label = input('');
  /** `data-testid` of the `<table>`. */
  readonly testId = input('');
  /** Whether the page has no rows to project. */
  readonly empty = input(false);
  readonly loading = input(false);
  /** What the table says when it is empty; without it an empty table shows no row. */
  readonly emptyText = input('');

  protected readonly headings = computed(() =>
    this.columns().map((column): DataTableColumn =>
      typeof column === 'string' ? { label: column } : column,
    ),
  );
}
