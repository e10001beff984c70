/** socket.io namespaces and event names of the realtime contract (docs/architecture.md). */
export const RealtimeNamespace = {
  Staff: '/staff',
  Diner: '/diner',
} as const;

export const RealtimeEvent = {
  OrderCreated: 'order.created',
  OrderUpdated: 'order.updated',
  CheckInUpdated: 'checkin.updated',
  CartUpdated: 'cart.updated',
} as const;
export type RealtimeEvent = (typeof RealtimeEvent)[keyof typeof RealtimeEvent];
