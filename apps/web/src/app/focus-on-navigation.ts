import { DOCUMENT } from '@angular/common';
import {
  DestroyRef,
  EnvironmentProviders,
  Injector,
  afterNextRender,
  inject,
  provideEnvironmentInitializer,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter, skip } from 'rxjs';

/** Moves focus to the main heading (or the main landmark) so a screen reader starts there. */
export function focusMainHeading(doc: Document): void {
  const target =
    doc.querySelector<HTMLElement>('#main h1') ??
    doc.querySelector<HTMLElement>('#main');
  if (!target) {
    return;
  }
  if (!target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
  }
  target.focus();
}

/**
 * After each in-app navigation (not the first page load, where the browser starts at the
 * top anyway), focus the new page's heading once it has rendered.
 */
export function provideFocusOnNavigation(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const injector = inject(Injector);
    const doc = inject(DOCUMENT);
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => {
        afterNextRender({ read: () => focusMainHeading(doc) }, { injector });
      });
  });
}
