import { Foundation1763856000000 } from './1763856000000-foundation';
import { Identity1763900000000 } from './1763900000000-identity';
import { Reservations1764000000000 } from './1764000000000-reservations';
import { Privacy1764050000000 } from './1764050000000-privacy';
import { Menu1764200000000 } from './1764200000000-menu';
import { Ordering1764300000000 } from './1764300000000-ordering';
import { AuditHead1764400000000 } from './1764400000000-audit-head';
import { SessionRevocation1764500000000 } from './1764500000000-session-revocation';
import { InvitationsAndRecovery1764600000000 } from './1764600000000-invitations-and-recovery';
import { CompositeTenantKeys1764700000000 } from './1764700000000-composite-tenant-keys';

/** Every migration, in order. The CLI and the test database template run exactly these. */
export const migrations = [
  Foundation1763856000000,
  Identity1763900000000,
  Reservations1764000000000,
  Privacy1764050000000,
  Menu1764200000000,
  Ordering1764300000000,
  AuditHead1764400000000,
  SessionRevocation1764500000000,
  InvitationsAndRecovery1764600000000,
  CompositeTenantKeys1764700000000,
];
