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
import { ErrorCode } from '@foyer/contracts';
import { SessionStore, toApiError } from '@foyer/web/data-access';
import { describeApiError } from '../messages/api-messages';

/** The API's minimum (API.md: min 12 chars); it also refuses weak patterns. */
const MIN_LENGTH = 12;

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';

function confirmMatches(group: AbstractControl): ValidationErrors | null {
  return group.get('newPassword')?.value === group.get('confirmPassword')?.value
    ? null
    : { mismatch: true };
}

@Component({
  selector: 'foyer-change-password-page',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-password-page.html',
})
export class ChangePasswordPage {
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly minLength = MIN_LENGTH;
  protected readonly form = new FormGroup(
    {
      currentPassword: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required],
      }),
      newPassword: new FormControl('', {
        nonNullable: true,
        validators: [
          Validators.required,
          Validators.minLength(MIN_LENGTH),
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
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly succeeded = signal(false);
  private readonly serverErrors = signal<Partial<Record<Field, string>>>({});

  protected showError(field: Field): boolean {
    const control = this.form.controls[field];
    const touched = control.touched || this.submitted();
    const mismatch =
      field === 'confirmPassword' && this.form.hasError('mismatch') && touched;
    return (
      (control.invalid && touched) || mismatch || !!this.serverErrors()[field]
    );
  }

  protected errorText(field: Field): string {
    const server = this.serverErrors()[field];
    if (server) {
      return server;
    }
    if (!this.showError(field)) {
      return '';
    }
    const errors = this.form.controls[field].errors ?? {};
    if (errors['required']) {
      return field === 'confirmPassword'
        ? 'Type the new password again.'
        : 'Enter a password.';
    }
    if (errors['minlength']) {
      return `Use at least ${MIN_LENGTH} characters.`;
    }
    if (errors['maxlength']) {
      return 'That password is too long.';
    }
    return 'The two new passwords differ.';
  }

  protected async submit(): Promise<void> {
    if (this.saving()) {
      return;
    }
    this.submitted.set(true);
    this.succeeded.set(false);
    this.serverErrors.set({});
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.status.set('Check the fields marked below.');
      this.host.nativeElement
        .querySelector<HTMLElement>('form [aria-invalid="true"]')
        ?.focus();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.saving.set(true);
    try {
      await this.session.changePassword(currentPassword, newPassword);
      this.form.reset();
      this.submitted.set(false);
      this.succeeded.set(true);
      this.status.set('Password changed. Every other device was signed out.');
    } catch (error) {
      const apiError = toApiError(error);
      const wrongCurrent =
        apiError.code === ErrorCode.INVALID_CREDENTIALS ||
        !!apiError.fieldError('currentPassword');
      if (wrongCurrent) {
        this.serverErrors.set({
          currentPassword: 'The current password is wrong.',
        });
        this.status.set('The current password is wrong.');
      } else if (apiError.code === ErrorCode.VALIDATION_FAILED) {
        const problem = apiError.fieldError('newPassword');
        const message = problem
          ? `The new password ${problem}.`
          : apiError.detail;
        this.serverErrors.set({ newPassword: message });
        this.status.set(message);
      } else {
        this.status.set(describeApiError(apiError));
      }
    } finally {
      this.saving.set(false);
    }
  }
}
