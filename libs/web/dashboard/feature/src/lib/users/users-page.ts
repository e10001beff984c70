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
import { Permission, Role, isRole } from '@foyer/contracts';
import { SessionStore } from '@foyer/web/data-access';
import { StaffMember, StaffUsersStore } from '@foyer/web/dashboard-data-access';
import {
  ConfirmButton,
  DataTable,
  Pager,
  ProblemMessage,
  StatusBadge,
} from '@foyer/web/shared/ui';
import { describeApiError } from '../messages/api-messages';
import { fieldErrorsFrom } from '../messages/field-errors';
import {
  assignableRoles,
  lockedReason,
  memberErrorMessage,
} from './member-rules';

type AddField = 'email' | 'displayName' | 'role';
const ADD_FIELDS: readonly AddField[] = ['email', 'displayName', 'role'];

@Component({
  selector: 'foyer-users-page',
  imports: [
    ReactiveFormsModule,
    ConfirmButton,
    DataTable,
    Pager,
    ProblemMessage,
    StatusBadge,
  ],
  providers: [StaffUsersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styleUrl: './users-page.css',
})
export class UsersPage {
  protected readonly store = inject(StaffUsersStore);
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly canManage = computed(() =>
    this.session.can(Permission.USERS_MANAGE),
  );
  protected readonly roles = computed(() =>
    assignableRoles(this.session.role()),
  );
  /** Polite live region: results of row actions and of adding. */
  protected readonly status = signal('');
  /** Assertive live region inside the add form. */
  protected readonly addError = signal('');
  protected readonly addSubmitted = signal(false);
  protected readonly adding = signal(false);
  private readonly serverFieldErrors = signal<
    Partial<Record<AddField, string>>
  >({});
  protected readonly columns = computed(() => [
    'Name',
    'Email',
    'Role',
    'Status',
    ...(this.canManage() ? ['Actions'] : []),
  ]);
  /** Role picked in a row's select, applied by its "Change role" button. */
  private readonly pickedRoles = signal<Readonly<Record<string, Role>>>({});

  protected readonly addForm = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.email,
        Validators.maxLength(254),
      ],
    }),
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120)],
    }),
    role: new FormControl<Role>(Role.VIEWER, {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });

  constructor() {
    void this.store.loadFirst();
  }

  protected locked(member: StaffMember): string | null {
    return lockedReason(
      this.session.role(),
      this.session.user()?.id ?? null,
      member,
    );
  }

  protected pickedRole(member: StaffMember): Role {
    return this.pickedRoles()[member.id] ?? member.role;
  }

  protected pickRole(member: StaffMember, value: string): void {
    if (isRole(value)) {
      this.pickedRoles.update((picked) => ({ ...picked, [member.id]: value }));
    }
  }

  /** Roles offered in a row: the assignable ones, plus the member's own so it displays. */
  protected rowRoles(member: StaffMember): readonly Role[] {
    const roles = this.roles();
    return roles.includes(member.role) ? roles : [member.role, ...roles];
  }

  protected showAddError(field: AddField): boolean {
    const control = this.addForm.controls[field];
    return (
      (control.invalid && (control.touched || this.addSubmitted())) ||
      !!this.serverFieldErrors()[field]
    );
  }

  protected addErrorText(field: AddField): string {
    const server = this.serverFieldErrors()[field];
    if (server) {
      return server;
    }
    if (!this.showAddError(field)) {
      return '';
    }
    const errors = this.addForm.controls[field].errors ?? {};
    if (errors['required']) {
      return field === 'email'
        ? 'Enter an email address.'
        : field === 'displayName'
          ? 'Enter a name.'
          : 'Choose a role.';
    }
    if (errors['email']) {
      return 'Enter a valid email address.';
    }
    return 'That is too long.';
  }

  protected async add(): Promise<void> {
    if (this.adding()) {
      return;
    }
    this.addSubmitted.set(true);
    this.addError.set('');
    this.serverFieldErrors.set({});
    if (this.addForm.invalid) {
      this.addForm.markAllAsTouched();
      this.addError.set('Check the fields marked below.');
      this.focusFirstInvalid();
      return;
    }
    const { email, displayName, role } = this.addForm.getRawValue();
    this.adding.set(true);
    const error = await this.store.add({
      email: email.trim(),
      displayName: displayName.trim(),
      role,
    });
    this.adding.set(false);
    if (error) {
      this.serverFieldErrors.set(fieldErrorsFrom(error, ADD_FIELDS));
      this.addError.set(memberErrorMessage(error));
      return;
    }
    this.addSubmitted.set(false);
    this.addForm.reset();
    // The same words whether or not the address had an account: the API never says.
    this.status.set(`Invitation sent to ${email.trim()}.`);
  }

  protected async changeRole(member: StaffMember): Promise<void> {
    const role = this.pickedRole(member);
    if (role === member.role) {
      this.status.set(`${this.nameOf(member)} already has the role ${role}.`);
      return;
    }
    const error = await this.store.changeRole(member, role);
    this.status.set(
      error
        ? memberErrorMessage(error)
        : `${this.nameOf(member)} is now ${role}.`,
    );
    if (!error) {
      this.pickedRoles.update((picked) => {
        const rest = { ...picked };
        delete rest[member.id];
        return rest;
      });
    }
  }

  protected async toggleDisabled(member: StaffMember): Promise<void> {
    const disabled = !member.disabled;
    const error = await this.store.setDisabled(member, disabled);
    this.status.set(
      error
        ? memberErrorMessage(error)
        : `${this.nameOf(member)} is ${disabled ? 'disabled and signed out everywhere' : 'enabled again'}.`,
    );
  }

  protected async remove(member: StaffMember): Promise<void> {
    const error = await this.store.remove(member);
    this.status.set(
      error
        ? memberErrorMessage(error)
        : `${this.nameOf(member)} was removed from this venue.`,
    );
  }

  protected loadError(): string {
    const error = this.store.loadError();
    return error ? describeApiError(error) : '';
  }

  protected nameOf(member: StaffMember): string {
    return member.displayName || member.email;
  }

  private focusFirstInvalid(): void {
    this.host.nativeElement
      .querySelector<HTMLElement>(
        'form [aria-invalid="true"], form .ng-invalid',
      )
      ?.focus();
  }
}
