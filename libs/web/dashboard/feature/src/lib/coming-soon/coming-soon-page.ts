import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';

/** Placeholder for staff modules that are not built yet; the heading comes from route data. */
@Component({
  selector: 'foyer-coming-soon-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">{{ heading }}</h1>
    <p>This part of Foyer is on its way.</p>
    <p><a routerLink="/staff">Back to the overview</a></p>
  `,
})
export class ComingSoonPage {
  protected readonly heading: string =
    (inject(ActivatedRoute).snapshot.data['heading'] as string | undefined) ??
    'Coming soon';
}
