import { Foundation1763856000000 } from './1763856000000-foundation';

/** Every migration, in order. The CLI and the test database template run exactly these. */
export const migrations = [Foundation1763856000000];
