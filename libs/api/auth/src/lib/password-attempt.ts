/**
 * One guess at one account's password, reserved in the lockout before anything compares
 * it with a hash. `PasswordHasher.verify` takes one and spends it, so no code path can
 * check a password without first passing the lockout; `Lockout` settles it afterwards.
 */
export class PasswordAttempt {
  private state: 'reserved' | 'evaluated' | 'settled' = 'reserved';

  /** Only `Lockout.reserve` creates attempts, after Redis granted the reservation. */
  constructor(
    /** The lockout's account key (a hash of the normalised email). */
    readonly account: string,
    /** This reservation's member in the account's in-flight set. */
    readonly id: string,
  ) {}

  /** Whether a password was compared under this attempt (a failure if it never settles). */
  get evaluated(): boolean {
    return this.state !== 'reserved';
  }

  get settled(): boolean {
    return this.state === 'settled';
  }

  /** Called by the hasher right before it compares: one comparison per reservation. */
  evaluate(): void {
    if (this.state !== 'reserved') {
      throw new Error('a password attempt is evaluated once');
    }
    this.state = 'evaluated';
  }

  /** Called by the lockout when it records the outcome; false if it already did. */
  settle(): boolean {
    if (this.state === 'settled') {
      return false;
    }
    this.state = 'settled';
    return true;
  }
}
