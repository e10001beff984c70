import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ErrorCode } from '@foyer/contracts';
import { SessionStore, toApiError } from '@foyer/web/data-access';
import { ProblemMessage } from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';
import {
  NewPasswordFields,
  newPasswordGroup,
  newPasswordProblem,
} from '../password/new-password-fields';

@Component({
  selector: 'foyer-change-password-page',
  imports: [ReactiveFormsModule, RouterLink, NewPasswordFields, ProblemMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-password-page.html',
})
export class ChangePasswordPage {
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    next: newPasswordGroup(),
  });
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly succeeded = signal(false);
  private readonly currentError = signal('');
  private readonly newPasswordError = signal('');
  protected readonly nextServerErrors = computed(() => {
    const message = this.newPasswordError();
    return message ? { newPassword: message } : {};
  });

  protected showCurrentError(): boolean {
    const control = this.form.controls.currentPassword;
    return (
      (control.invalid && (control.touched || this.submitted())) ||
      !!this.currentError()
    );
  }

  protected currentErrorText(): string {
    if (this.currentError()) {
      return this.currentError();
    }
    return this.showCurrentError() ? 'Enter a password.' : '';
  }

  protected async submit(): Promise<void> {
    if (this.saving()) {
      return;
    }
    this.submitted.set(true);
    this.succeeded.set(false);
    this.currentError.set('');
    this.newPasswordError.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.status.set('Check the fields marked below.');
      this.host.nativeElement
        .querySelector<HTMLElement>('form [aria-invalid="true"]')
        ?.focus();
      return;
    }
    const {
      currentPassword,
      next: { newPassword },
    } = this.form.getRawValue();
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
        this.currentError.set('The current password is wrong.');
        this.status.set('The current password is wrong.');
      } else if (apiError.code === ErrorCode.VALIDATION_FAILED) {
        const message = newPasswordProblem(apiError) ?? apiError.detail;
        this.newPasswordError.set(message);
        this.status.set(message);
      } else {
        this.status.set(describeApiError(apiError));
      }
    } finally {
      this.saving.set(false);
    }
  }
}
