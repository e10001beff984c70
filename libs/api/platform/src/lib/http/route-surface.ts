import { ExecutionContext } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';

/**
 * Which part of the contract a route belongs to: `staff` (`/api/staff/*`: per-user limit,
 * Idempotency-Key, permissions), `public` (`/api/public/*`: per-IP read/write limits,
 * Idempotency-Key), `media` (`/api/media/*`: per-IP limits), `auth` (`/api/auth/*`:
 * exempt from idempotency, limits per route) and `other` (health, metrics).
 */
export type RouteSurface = 'staff' | 'public' | 'media' | 'auth' | 'other';

export interface DeclaredRoute {
  /** The route as its controller and handler declare it, e.g. `/api/auth/refresh`. */
  path: string;
  surface: RouteSurface;
}

type Target = object;
const cache = new WeakMap<Target, WeakMap<Target, DeclaredRoute>>();

function paths(target: Target): string[] {
  const declared: unknown = Reflect.getMetadata(PATH_METADATA, target);
  const list = Array.isArray(declared) ? declared : [declared ?? ''];
  return list.map((path) => String(path ?? ''));
}

function join(base: string, path: string): string {
  const segments = `${base}/${path}`.split('/').filter(Boolean);
  return `/${segments.join('/')}`;
}

/** The surface of a declared route pattern (never of a request's spelling of it). */
export function surfaceOf(pattern: string): RouteSurface {
  const [api, area] = pattern.split('/').filter(Boolean);
  if (api !== 'api') {
    return 'other';
  }
  switch (area) {
    case 'staff':
      return 'staff';
    case 'public':
      return 'public';
    case 'media':
      return 'media';
    case 'auth':
      return 'auth';
    default:
      return 'other';
  }
}

/**
 * The matched route, read from the metadata `@Controller()` and the method decorators put
 * on the controller class and the handler: the same for every spelling of a URL that
 * reaches the handler. Guards classify requests by this, never by `req.path` or
 * `req.originalUrl`. A handler declared under several paths of different surfaces is a
 * programming error and fails the request rather than picking the laxer one.
 */
export function declaredRoute(context: ExecutionContext): DeclaredRoute {
  const controller = context.getClass() as Target;
  const handler = context.getHandler() as Target;
  let perController = cache.get(controller);
  const hit = perController?.get(handler);
  if (hit) {
    return hit;
  }
  const candidates = paths(controller).flatMap((base) =>
    paths(handler).map((path) => join(base, path)),
  );
  const surfaces = new Set(candidates.map(surfaceOf));
  if (surfaces.size !== 1) {
    throw new Error(
      `A route must belong to exactly one surface; found ${[...surfaces].join(', ') || 'none'}.`,
    );
  }
  const route: DeclaredRoute = {
    path: candidates[0],
    surface: [...surfaces][0],
  };
  if (!perController) {
    perController = new WeakMap();
    cache.set(controller, perController);
  }
  perController.set(handler, route);
  return route;
}

/** Convenience for guards: the surface of the route this request matched. */
export function routeSurface(context: ExecutionContext): RouteSurface {
  return declaredRoute(context).surface;
}
