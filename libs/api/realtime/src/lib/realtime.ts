import { Injectable } from '@nestjs/common';
import type { RealtimeEvent } from '@foyer/contracts';

/** Who a diner socket is, once its table code and capability have been verified. */
export interface DinerIdentity {
  tenantId: string;
  tableId: string;
}

/** Verifies a diner handshake; resolves null when the code or capability is not valid. */
export type DinerAuthenticator = (
  tableCode: string,
  sessionCap: string,
) => Promise<DinerIdentity | null>;

export const staffRoom = (tenantId: string) => `tenant:${tenantId}`;
export const tableRoom = (tableId: string) => `table:${tableId}`;

/**
 * The one way domain code pushes events to browsers. Emitting is fire-and-forget: a
 * realtime failure never fails the request that caused it.
 */
@Injectable()
export class Realtime {
  // Filled in by the gateways (libs/api/realtime), see README.
  toStaff(tenantId: string, event: RealtimeEvent, payload: unknown): void {
    void tenantId;
    void event;
    void payload;
  }

  toTable(tableId: string, event: RealtimeEvent, payload: unknown): void {
    void tableId;
    void event;
    void payload;
  }

  useDinerAuthenticator(authenticator: DinerAuthenticator): void {
    void authenticator;
  }
}
