// Only the route table: the table page is a lazy chunk, so the app's initial bundle
// carries none of it.
export { dinerRoutes } from './lib/diner.routes';
