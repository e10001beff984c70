// Only the route table: the scanner page and @zxing load with the route, never before.
export { checkInRoutes } from './lib/check-in.routes';
