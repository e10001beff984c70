import { Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { isSecured } from './realtime-io.adapter';

/** One answer for every refused handshake: nothing about why. */
export function refuseAll(next: (error?: Error) => void): void {
  next(new Error('UNAUTHENTICATED'));
}

/**
 * Fails closed when the app was started without RealtimeIoAdapter (no origin check, rate
 * limit, caps or Redis fan-out): every socket of the namespace is refused.
 */
export function refuseUnsecured(namespace: Namespace, logger: Logger): boolean {
  if (isSecured(namespace.server)) {
    return false;
  }
  logger.error(
    `socket.io runs without RealtimeIoAdapter: refusing every ${namespace.name} connection`,
  );
  namespace.use((_socket, next) => refuseAll(next));
  return true;
}
