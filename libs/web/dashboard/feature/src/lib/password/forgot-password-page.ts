import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
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
import { toApiError } from '@foyer/web/data-access';
import { AccountApi } from '@foyer/web/dashboard-data-access';
import { ProblemMessage } from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';

/**
 * `/forgot-password`: asks for a reset link. The API answers the same whether or not the
 * address has an account, and so does this page.
 */
@Component({
  selector: 'foyer-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, ProblemMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './forgot-password-page.html',
})
export class ForgotPasswordPage {
  private readonly api = inject(AccountApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.email,
        Validators.maxLength(254),
      ],
    }),
  });
  private readonly email = this.form.controls.email;
  protected readonly submitted = signal(false);
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  /** Assertive: why the last submit did not go through. */
  protected readonly formError = signal('');

  protected showError(): boolean {
    return this.email.invalid && (this.email.touched || this.submitted());
  }

  protected errorText(): string {
    if (!this.showError()) {
      return '';
    }
    return this.email.errors?.['required']
      ? 'Enter your email address.'
      : 'Enter a valid email address.';
  }

  protected async submit(): Promise<void> {
    if (this.sending()) {
      return;
    }
    this.submitted.set(true);
    this.formError.set('');
    if (this.email.invalid) {
      this.email.markAsTouched();
      this.formError.set('Check the field marked below.');
      this.focus('#forgot-email');
      return;
    }
    this.sending.set(true);
    try {
      await this.api.forgotPassword(this.email.value.trim());
    } catch (error) {
      this.formError.set(describeApiError(toApiError(error)));
      this.focus('#forgot-status');
      return;
    } finally {
      this.sending.set(false);
    }
    this.sent.set(true);
    this.focus('#forgot-sent');
  }

  private focus(selector: string): void {
    afterNextRender(
      () =>
        this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(),
      { injector: this.injector },
    );
  }
}
