import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'foyer-forbidden-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">Not available to your role</h1>
    <p>
      Your role in this venue does not include that page. An owner or admin can
      change your role.
    </p>
    <p><a routerLink="/staff">Back to the overview</a></p>
  `,
})
export class ForbiddenPage {}
