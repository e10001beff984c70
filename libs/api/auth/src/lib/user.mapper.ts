import { Row, optionalText, text } from '@foyer/api/platform/database';

/** A staff account as a tenant it belongs to sees it. */
export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
}

/** What a password check and the password policy need of an account. */
export interface UserCredentials {
  email: string;
  displayName: string;
  passwordHash: string | null;
}

/** The account an email names, for login (any tenant; no tenant is known yet). */
export interface LoginCandidate {
  userId: string;
  passwordHash: string | null;
}

export function toStaffUser(row: Row): StaffUser {
  return {
    id: text(row, 'id'),
    email: text(row, 'email'),
    displayName: text(row, 'display_name'),
  };
}

export function toUserCredentials(row: Row): UserCredentials {
  return {
    email: text(row, 'email'),
    displayName: text(row, 'display_name'),
    passwordHash: optionalText(row, 'password_hash'),
  };
}

export function toLoginCandidate(row: Row): LoginCandidate {
  return {
    userId: text(row, 'user_id'),
    passwordHash: optionalText(row, 'password_hash'),
  };
}
