import { INestApplication } from '@nestjs/common';

interface ExpressRouter {
  caseSensitive?: boolean;
  strict?: boolean;
  stack: { route?: unknown }[];
}

interface ExpressInstance {
  set(setting: string, value: unknown): unknown;
  router: ExpressRouter;
}

/**
 * One handler, one spelling: routes match case-sensitively and strictly, so
 * `/API/STAFF/rooms`, `/api/staff/rooms/` and `/api/st%61ff/rooms` are not routes (404).
 *
 * Express 5 creates its application router lazily and copies `case sensitive routing` and
 * `strict routing` into it once; Nest's ExpressAdapter mounts middleware in its
 * constructor, so by the time an app exists the router does too and later `app.set()`
 * calls would change nothing. Every route layer reads the options from the router when it
 * is registered, so they are set there as well. Must run before any route is registered
 * (configureApp runs before `app.init()`); refuses to run later rather than leave some
 * routes permissive.
 */
function expressOf(app: INestApplication): ExpressInstance {
  return app.getHttpAdapter().getInstance() as ExpressInstance;
}

export function useStrictRouting(app: INestApplication): void {
  const instance = expressOf(app);
  if (instance.router.stack.some((layer) => layer.route !== undefined)) {
    throw new Error(
      'Strict routing must be set before routes are registered (call configureApp before init).',
    );
  }
  instance.set('case sensitive routing', true);
  instance.set('strict routing', true);
  instance.router.caseSensitive = true;
  instance.router.strict = true;
}

/** Whether the app's router matches case-sensitively and strictly (checked at startup and in tests). */
export function hasStrictRouting(app: INestApplication): boolean {
  const { router } = expressOf(app);
  return router.caseSensitive === true && router.strict === true;
}
