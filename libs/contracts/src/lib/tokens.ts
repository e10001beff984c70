/**
 * The one-time tokens of emailed links and tickets (confirmation, check-in, cancel,
 * set-password, password reset, invitation): base64url text. The API issues 256-bit tokens
 * (43 characters) and takes 20–100 characters, so a mangled link is refused before any
 * lookup (400) and an unknown well-formed one is TOKEN_INVALID like any other (domain rule 3).
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/** Body of the routes that take one token: confirm, cancel, ticket lookup, accept-invitation. */
export interface TokenRequest {
  token: string;
}
