import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { ErrorCode } from '@foyer/contracts';
import { ApiError } from '@foyer/web/data-access';

/** The API's minimum (docs/architecture.md: 12 chars); it also refuses weak patterns. */
export const MIN_PASSWORD_LENGTH = 12;

export type NewPasswordField = 'newPassword' | 'confirmPassword';

function confirmMatches(group: AbstractControl): ValidationErrors | null {
  return group.get('newPassword')?.value === group.get('confirmPassword')?.value
    ? null
    : { mismatch: true };
}

/** The new password and its confirmation, checked as the API checks the length. */
export function newPasswordGroup() {
  return new FormGroup(
    {
      newPassword: new FormControl('', {
        nonNullable: true,
        validators: [
          Validators.required,
          Validators.minLength(MIN_PASSWORD_LENGTH),
          Validators.maxLength(128),
        ],
      }),
      confirmPassword: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required],
      }),
    },
    { validators: confirmMatches },
  );
}

export type NewPasswordGroup = ReturnType<typeof newPasswordGroup>;

/**
 * The sentence for a `400 VALIDATION_FAILED` on `newPassword` (a weak or breached-pattern
 * password), or null when the failure is about something else.
 */
export function newPasswordProblem(error: ApiError): string | null {
  if (error.code !== ErrorCode.VALIDATION_FAILED) {
    return null;
  }
  const problem = error.fieldError('newPassword');
  return problem ? `The new password ${problem}.` : null;
}

/**
 * "New password" and "New password again" with the length hint and their error texts, for
 * every form that chooses a password. The host form owns the group, submits it and
 * passes the API's message for a field in `serverErrors`. Ids: `<idPrefix>-new`,
 * `<idPrefix>-new-hint`, `<idPrefix>-new-error`, `<idPrefix>-confirm`, `<idPrefix>-confirm-error`.
 */
@Component({
  selector: 'foyer-new-password-fields',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field">
      <label [for]="idPrefix() + '-new'">New password</label>
      <input
        [id]="idPrefix() + '-new'"
        type="password"
        [formControl]="group().controls.newPassword"
        autocomplete="new-password"
        [attr.aria-invalid]="showError('newPassword')"
        [attr.aria-describedby]="
          idPrefix() + '-new-hint ' + idPrefix() + '-new-error'
        "
      />
      <p class="hint" [id]="idPrefix() + '-new-hint'">
        At least {{ minLength }} characters. A few unrelated words work well.
      </p>
      <p class="field-error" [id]="idPrefix() + '-new-error'">
        {{ errorText('newPassword') }}
      </p>
    </div>
    <div class="field">
      <label [for]="idPrefix() + '-confirm'">New password again</label>
      <input
        [id]="idPrefix() + '-confirm'"
        type="password"
        [formControl]="group().controls.confirmPassword"
        autocomplete="new-password"
        [attr.aria-invalid]="showError('confirmPassword')"
        [attr.aria-describedby]="idPrefix() + '-confirm-error'"
      />
      <p class="field-error" [id]="idPrefix() + '-confirm-error'">
        {{ errorText('confirmPassword') }}
      </p>
    </div>
  `,
})
export class NewPasswordFields {
  readonly group = input.required<NewPasswordGroup>();
  /** Whether the host form was submitted: errors show on untouched fields too. */
  readonly submitted = input(false);
  readonly serverErrors = input<Partial<Record<NewPasswordField, string>>>({});
  readonly idPrefix = input('pw');

  protected readonly minLength = MIN_PASSWORD_LENGTH;

  protected showError(field: NewPasswordField): boolean {
    const group = this.group();
    const control = group.controls[field];
    const touched = control.touched || this.submitted();
    const mismatch =
      field === 'confirmPassword' && group.hasError('mismatch') && touched;
    return (
      (control.invalid && touched) || mismatch || !!this.serverErrors()[field]
    );
  }

  protected errorText(field: NewPasswordField): string {
    const server = this.serverErrors()[field];
    if (server) {
      return server;
    }
    if (!this.showError(field)) {
      return '';
    }
    const errors = this.group().controls[field].errors ?? {};
    if (errors['required']) {
      return field === 'confirmPassword'
        ? 'Type the new password again.'
        : 'Enter a password.';
    }
    if (errors['minlength']) {
      return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    }
    if (errors['maxlength']) {
      return 'That password is too long.';
    }
    return 'The two new passwords differ.';
  }
}
