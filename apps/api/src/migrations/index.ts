import { Foundation1763856000000 } from './1763856000000-foundation';
import { Identity1763900000000 } from './1763900000000-identity';
import { Reservations1764000000000 } from './1764000000000-reservations';

/** Every migration, in order. The CLI and the test database template run exactly these. */
export const migrations = [
  Foundation1763856000000,
  Identity1763900000000,
  Reservations1764000000000,
];
