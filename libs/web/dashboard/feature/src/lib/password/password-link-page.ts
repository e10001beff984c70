import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { toApiError } from '@foyer/web/data-access';
import { AccountApi } from '@foyer/web/dashboard-data-access';
import { ProblemMessage } from '@foyer/web/shared/ui';
import { injectFragmentToken } from '../links/fragment-token';
import { isRefusedToken } from '../links/link-failure';
import { describeApiError } from '../messages/api-messages';
import {
  NewPasswordFields,
  newPasswordGroup,
  newPasswordProblem,
} from './new-password-fields';

/** Which emailed link opened the page: a reset (`/reset-password`) or an invitation (`/set-password`). */
export type PasswordLinkPurpose = 'reset' | 'set';

interface PurposeText {
  readonly heading: string;
  readonly intro: string;
  readonly submit: string;
  readonly done: string;
  /** Where a refused link sends the user for a new one. */
  readonly invalid: string;
}

export const PASSWORD_LINK_TEXT: Record<PasswordLinkPurpose, PurposeText> = {
  reset: {
    heading: 'Choose a new password',
    intro: 'Choose a new password for your Foyer account.',
    submit: 'Change password',
    done: 'Your password is changed and every device that was signed in is signed out.',
    invalid: 'This link is not valid any more.',
  },
  set: {
    heading: 'Choose your password',
    intro: 'Choose the password you will sign in to Foyer with.',
    submit: 'Set password',
    done: 'Your password is set.',
    invalid:
      'This link is not valid any more. Ask the venue to invite you again, or ask for a password reset link if you set a password already.',
  },
};

type LinkState = 'form' | 'done' | 'invalid';

/**
 * `/reset-password#t=…` and `/set-password#t=…` (route data `purpose`): the token comes
 * from the fragment, which is removed from the address bar at once; the new password goes
 * with it to the API.
 */
@Component({
  selector: 'foyer-password-link-page',
  imports: [ReactiveFormsModule, RouterLink, NewPasswordFields, ProblemMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-link-page.html',
})
export class PasswordLinkPage {
  private readonly api = inject(AccountApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly token = injectFragmentToken();
  protected readonly purpose: PasswordLinkPurpose =
    inject(ActivatedRoute).snapshot.data['purpose'] === 'set' ? 'set' : 'reset';
  protected readonly text = PASSWORD_LINK_TEXT[this.purpose];

  protected readonly form = new FormGroup({ next: newPasswordGroup() });
  protected readonly state = signal<LinkState>(
    this.token === null ? 'invalid' : 'form',
  );
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  /** Assertive: why the last submit did not go through. */
  protected readonly formError = signal('');
  private readonly newPasswordError = signal('');
  protected readonly serverErrors = computed(() => {
    const message = this.newPasswordError();
    return message ? { newPassword: message } : {};
  });

  protected async submit(): Promise<void> {
    const token = this.token;
    if (this.saving() || token === null) {
      return;
    }
    this.submitted.set(true);
    this.formError.set('');
    this.newPasswordError.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formError.set('Check the fields marked below.');
      this.focus('form [aria-invalid="true"]');
      return;
    }
    const { newPassword } = this.form.getRawValue().next;
    this.saving.set(true);
    try {
      await (this.purpose === 'set'
        ? this.api.setPassword(token, newPassword)
        : this.api.resetPassword(token, newPassword));
    } catch (error) {
      const apiError = toApiError(error);
      if (isRefusedToken(apiError)) {
        this.state.set('invalid');
        this.focus('[data-testid="password-link-outcome"]');
        return;
      }
      const problem = newPasswordProblem(apiError);
      if (problem) {
        this.newPasswordError.set(problem);
        this.formError.set(problem);
        this.focus('form [aria-invalid="true"]');
      } else {
        this.formError.set(describeApiError(apiError));
        this.focus('#password-link-status');
      }
      return;
    } finally {
      this.saving.set(false);
    }
    this.form.reset();
    this.state.set('done');
    this.focus('[data-testid="password-link-outcome"]');
  }

  private focus(selector: string): void {
    afterNextRender(
      () =>
        this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(),
      { injector: this.injector },
    );
  }
}
