import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { takeFragmentToken } from '@foyer/web/public-data-access';

/**
 * In an injection context: the `#t=…` token of an emailed link, taken off the address bar
 * at once (the same helper as the visitor's `/confirm`, `/ticket` and `/cancel` pages).
 */
export function injectFragmentToken(): string | null {
  const view = inject(DOCUMENT).defaultView;
  return view ? takeFragmentToken(view.location, view.history) : null;
}
