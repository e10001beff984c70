import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ErrorCode } from '@foyer/contracts';
import { ApiError, SessionStore } from '@foyer/web/data-access';
import { ChangePasswordPage } from './change-password-page';

describe('ChangePasswordPage', () => {
  let changePassword: jest.Mock<Promise<void>, [string, string]>;

  async function render() {
    changePassword = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: SessionStore, useValue: { changePassword } },
      ],
    });
    const fixture = TestBed.createComponent(ChangePasswordPage);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const set = (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(
        id,
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    return {
      root,
      set,
      submit,
      status: () => root.querySelector('#password-status')?.textContent?.trim(),
    };
  }

  it('checks length and confirmation before calling the API', async () => {
    const { root, set, submit, status } = await render();
    set('#pw-current', 'old');
    set('#pw-new', 'short');
    set('#pw-confirm', 'other');
    await submit();
    expect(changePassword).not.toHaveBeenCalled();
    expect(status()).toBe('Check the fields marked below.');
    expect(root.querySelector('#pw-new-error')?.textContent).toContain(
      'at least 12 characters',
    );
    expect(root.querySelector('#pw-confirm-error')?.textContent).toContain(
      'differ',
    );
  });

  it('shows a weak-password 400 on the new password field', async () => {
    const { root, set, submit, status } = await render();
    changePassword.mockRejectedValueOnce(
      new ApiError(400, ErrorCode.VALIDATION_FAILED, 'Weak password.', [
        { field: 'newPassword', message: 'is a common password' },
      ]),
    );
    set('#pw-current', 'the right one');
    set('#pw-new', 'password1234');
    set('#pw-confirm', 'password1234');
    await submit();
    expect(status()).toBe('The new password is a common password.');
    expect(root.querySelector('#pw-new')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(root.querySelector('#pw-new-error')?.textContent).toContain(
      'is a common password',
    );
  });

  it('flags a wrong current password (400 on currentPassword) and reports success', async () => {
    const { root, set, submit, status } = await render();
    changePassword.mockRejectedValueOnce(
      new ApiError(
        400,
        ErrorCode.VALIDATION_FAILED,
        'The current password is not correct.',
        [{ field: 'currentPassword', message: 'is not correct' }],
      ),
    );
    set('#pw-current', 'not it');
    set('#pw-new', 'a long enough passphrase');
    set('#pw-confirm', 'a long enough passphrase');
    await submit();
    expect(changePassword).toHaveBeenCalledWith(
      'not it',
      'a long enough passphrase',
    );
    expect(status()).toBe('The current password is wrong.');
    expect(
      root.querySelector('#pw-current')?.getAttribute('aria-invalid'),
    ).toBe('true');

    changePassword.mockResolvedValueOnce();
    set('#pw-current', 'the right one');
    await submit();
    expect(status()).toContain('Password changed.');
  });
});
