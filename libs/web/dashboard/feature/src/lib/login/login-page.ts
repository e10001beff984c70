import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ErrorCode } from '@foyer/contracts';
import {
  ApiError,
  DEFAULT_AFTER_LOGIN,
  SessionStore,
  safeReturnUrl,
  toApiError,
} from '@foyer/web/data-access';
import { ProblemMessage, formatWait } from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';

type Field = 'email' | 'password' | 'tenantSlug';

/** The API's venue slug rule; input is trimmed and lowercased before it is checked and sent. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const normaliseSlug = (value: string) => value.trim().toLowerCase();

function slugValidator(
  control: AbstractControl<string>,
): ValidationErrors | null {
  const slug = normaliseSlug(control.value ?? '');
  return slug === '' || SLUG.test(slug) ? null : { slug: true };
}

/** Sentences for the login failures the contract names; exported for the tests. */
export function loginErrorMessage(error: ApiError): string {
  switch (error.code) {
    case ErrorCode.INVALID_CREDENTIALS:
      return 'Email or password is wrong.';
    case ErrorCode.ACCOUNT_LOCKED:
      return `Too many failed sign-ins: this account is locked. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    case ErrorCode.RATE_LIMITED:
      return `Too many sign-in attempts from this network. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    case ErrorCode.FORBIDDEN:
      return 'You are not a member of that venue.';
    case ErrorCode.NOT_FOUND:
      return 'There is no venue with that name.';
    default:
      return describeApiError(error);
  }
}

@Component({
  selector: 'foyer-login-page',
  imports: [ReactiveFormsModule, RouterLink, ProblemMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.email,
        Validators.maxLength(254),
      ],
    }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(128)],
    }),
    tenantSlug: new FormControl('', {
      nonNullable: true,
      validators: [slugValidator],
    }),
  });

  protected readonly submitted = signal(false);
  protected readonly submitting = signal(false);
  /** Announced by the assertive live region: the outcome of the last submit. */
  protected readonly formError = signal('');

  protected showError(field: Field): boolean {
    const control = this.form.controls[field];
    return control.invalid && (control.touched || this.submitted());
  }

  protected errorText(field: Field): string {
    if (!this.showError(field)) {
      return '';
    }
    const errors = this.form.controls[field].errors ?? {};
    switch (field) {
      case 'email':
        return errors['required']
          ? 'Enter your email address.'
          : 'Enter a valid email address.';
      case 'password':
        return errors['required']
          ? 'Enter your password.'
          : 'That password is too long.';
      case 'tenantSlug':
        return 'Use the venue name from your invitation: letters, digits and "-".';
    }
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) {
      return;
    }
    this.submitted.set(true);
    this.formError.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const invalid = (['email', 'password', 'tenantSlug'] as const).filter(
        (f) => this.form.controls[f].invalid,
      );
      this.formError.set(
        invalid.length === 1
          ? 'Check the field marked below.'
          : `Check the ${invalid.length} fields marked below.`,
      );
      this.focus(`#login-${invalid[0]}`);
      return;
    }
    const { email, password, tenantSlug } = this.form.getRawValue();
    this.submitting.set(true);
    try {
      await this.session.login(email, password, normaliseSlug(tenantSlug));
    } catch (error) {
      const apiError = toApiError(error);
      this.formError.set(loginErrorMessage(apiError));
      if (apiError.code === ErrorCode.INVALID_CREDENTIALS) {
        this.form.controls.password.reset();
        // The message above says what is wrong; do not also flag the now-empty field.
        this.submitted.set(false);
      }
      return;
    } finally {
      this.submitting.set(false);
    }
    const target =
      safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')) ??
      DEFAULT_AFTER_LOGIN;
    await this.router.navigateByUrl(target);
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
