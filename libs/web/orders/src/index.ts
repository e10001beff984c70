// Only route tables: the board, menu editor and tables pages (and socket.io-client) load
// with their routes, never before.
export {
  ordersRoutes,
  menuEditorRoutes,
  tablesRoutes,
} from './lib/orders.routes';
