/**
 * One open session of the signed-in user, in any tenant (`GET /api/auth/sessions`); its
 * `id` is the `:id` of `DELETE /api/auth/sessions/:id`.
 */
export type { SignedInSession } from '@foyer/contracts';
