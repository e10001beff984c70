import { randomBytes, randomUUID } from 'node:crypto';
import { API, WEB_ORIGIN } from './env';

/**
 * Variant walker: every route in the API's own OpenAPI document has exactly one spelling.
 * For each path and method it sends the canonical request (no credentials) and then the
 * same request under other spellings (case, trailing slash, doubled slash, a
 * percent-encoded letter); each of those must be the ordinary unmatched-route
 * `404 NOT_FOUND` problem. The route table is read from the running API, so a new route
 * is walked without touching this file.
 *
 * Unmatched spellings never reach a guard, so they consume no rate-limit bucket; only the
 * canonical requests do (about one per route; at most a handful per bucket), and a `429`
 * on a canonical request is tolerated (it only reports).
 */

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/** Fewer than this many operations means the walk lost most of the route table. */
const MIN_ROUTES = 65; // 74 operations when this was written
const CONCURRENCY = 4;

interface Schema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<Method, Operation>> & object>;
}

interface Route {
  method: Method;
  template: string;
  /** The concrete canonical path: segments with parameters filled in. */
  segments: string[];
  /** Indexes of segments that are static in the template (no `{param}`). */
  staticSegments: number[];
}

/** Matches concrete paths the way the strict, case-sensitive router does (a parameter is one raw segment). */
function matcherOf(template: string): RegExp {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}$`);
}

interface Answer {
  status: number;
  code: unknown;
  contentType: string | null;
  passedRateLimit: boolean;
}

const base64url43 = () => randomBytes(32).toString('base64url'); // 43 characters

/** A syntactically valid value for a path parameter, from its schema or, failing that, its name. */
function placeholder(name: string, schema: Schema | undefined): string {
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.format === 'uuid') return randomUUID();
  if (schema?.type === 'integer' || schema?.type === 'number') return '1';
  if (/^id$|Id$|uuid/i.test(name)) return randomUUID();
  if (/slug/i.test(name)) return 'demo';
  if (/code|token|cap/i.test(name)) return base64url43();
  return 'demo';
}

function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    // The walker's own source and operator endpoints are not routes under test.
    if (template.startsWith('/api/docs') || template === '/metrics') continue;
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const declared = new Map(
        (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, p.schema] as const),
      );
      const parts = template.split('/').slice(1);
      const staticSegments: number[] = [];
      const segments = parts.map((part, i) => {
        if (!part.includes('{')) {
          staticSegments.push(i);
          return part;
        }
        // Controller-level parameters (e.g. `{code}`) may be missing from `parameters`.
        return part.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(placeholder(name, declared.get(name))),
        );
      });
      routes.push({ method, template, segments, staticSegments });
    }
  }
  return routes;
}

const join = (segments: string[]) => `/${segments.join('/')}`;

/** The first ASCII letter of a segment upper-cased (segments without letters unchanged). */
const capitalise = (segment: string) =>
  segment.replace(/[a-z]/i, (c) => c.toUpperCase());

/** Every other spelling of the route, labelled; none equals the canonical path. */
function variantsOf(route: Route): [label: string, path: string][] {
  const { segments } = route;
  const canonical = join(segments);
  const variants: [string, string][] = [
    ['upper-case', canonical.toUpperCase()],
    ['capitalised segments', join(segments.map(capitalise))],
    ['trailing slash', `${canonical}/`],
    // After `/api` (or the first segment of routes outside /api, e.g. /health//live).
    ['doubled slash', `/${segments[0]}//${segments.slice(1).join('/')}`],
    ['leading doubled slash', `/${canonical}`],
  ];
  for (const i of route.staticSegments) {
    const letter = segments[i].search(/[a-z]/i);
    if (letter === -1) continue;
    const encoded = segments.slice();
    encoded[i] =
      segments[i].slice(0, letter) +
      `%${segments[i].charCodeAt(letter).toString(16)}` +
      segments[i].slice(letter + 1);
    variants.push([
      `percent-encoded letter in "${segments[i]}"`,
      join(encoded),
    ]);
  }
  return variants.filter(
    ([, path], i, all) =>
      path !== canonical && all.findIndex(([, p]) => p === path) === i,
  );
}

/** One request as the walker sends it: no credentials, the web origin, a key and `{}` for mutations. */
async function send(method: Method, path: string): Promise<Answer> {
  const mutation = method !== 'get';
  const res = await fetch(`${API}${path}`, {
    method: method.toUpperCase(),
    redirect: 'manual',
    headers: {
      Origin: WEB_ORIGIN,
      Accept: 'application/json',
      ...(mutation
        ? {
            'Content-Type': 'application/json',
            'Idempotency-Key': randomUUID(),
          }
        : {}),
    },
    body: mutation ? '{}' : undefined,
  });
  const contentType = res.headers.get('content-type');
  let code: unknown;
  if (contentType?.includes('json')) {
    const body = (await res.json().catch(() => undefined)) as
      { code?: unknown } | undefined;
    code = body?.code;
  } else {
    await res.arrayBuffer();
  }
  return {
    status: res.status,
    code,
    contentType,
    // Set by the rate-limit guard: its presence means a route was matched.
    passedRateLimit: res.headers.has('x-ratelimit-limit'),
  };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping order of results. */
async function inPool<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

describe('route variants: one route, one spelling (walked from the OpenAPI document)', () => {
  let routes: Route[];
  /** A variant that is another route's canonical spelling (e.g. `/api/staff/tables/%71r-sheet` is `GET /api/staff/tables/{id}`) is not a second spelling. */
  let isAnotherRoute: (method: Method, path: string) => string | undefined;

  beforeAll(async () => {
    const res = await fetch(`${API}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\./);
    routes = routesOf(doc);
    const matchers = routes.map((r) => ({
      method: r.method,
      template: r.template,
      regex: matcherOf(r.template),
    }));
    isAnotherRoute = (method, path) =>
      matchers.find((m) => m.method === method && m.regex.test(path))?.template;
  });

  it('walks a route table that is not vacuous (staff, public and auth routes)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(MIN_ROUTES);
    const perArea = Object.fromEntries(
      ['/api/staff/', '/api/public/', '/api/auth/'].map((area) => [
        area,
        routes.filter((r) => r.template.startsWith(area)).length >= 3,
      ]),
    );
    expect(perArea).toEqual({
      '/api/staff/': true,
      '/api/public/': true,
      '/api/auth/': true,
    });
    expect(routes.some((r) => r.method !== 'get')).toBe(true);
    expect(
      routes.some((r) => r.staticSegments.length < r.segments.length),
    ).toBe(true);
  });

  it('answers every other spelling of every route 404 NOT_FOUND, before any guard', async () => {
    const failures: object[] = [];
    const skipped: string[] = [];
    let requests = 0;
    let variants = 0;

    const outcomes = await inPool(routes, CONCURRENCY, async (route) => {
      const canonicalPath = join(route.segments);
      const canonical = await send(route.method, canonicalPath);
      requests++;
      const route_ = `${route.method.toUpperCase()} ${route.template}`;
      // The canonical URL must reach its route, or its variants prove nothing: a matched
      // route answers something other than 404, or passes the rate-limit guard first.
      if (canonical.status === 404 && !canonical.passedRateLimit) {
        failures.push({
          route: route_,
          problem: 'canonical request did not match a route',
          url: canonicalPath,
          status: canonical.status,
          code: canonical.code,
        });
      }
      for (const [variant, path] of variantsOf(route)) {
        const other = isAnotherRoute(route.method, path);
        if (other !== undefined) {
          skipped.push(`${route_}: ${variant} ${path} is ${other}`);
          continue;
        }
        variants++;
        const answer = await send(route.method, path);
        requests++;
        const ok =
          answer.status === 404 &&
          answer.code === 'NOT_FOUND' &&
          /^application\/problem\+json/.test(answer.contentType ?? '') &&
          // An unmatched spelling never reaches the rate-limit guard.
          !answer.passedRateLimit;
        if (!ok || answer.status < 400) {
          failures.push({
            route: route_,
            variant,
            url: path,
            status: answer.status,
            code: answer.code,
            reachedGuards: answer.passedRateLimit,
            canonical: `${canonical.status} ${String(canonical.code ?? '')}`,
          });
        }
      }
      return `${canonical.status} ${String(canonical.code ?? '')}`.trim();
    });

    // Reported for the reader; the assertions are on the failures.
    const byAnswer = new Map<string, number>();
    for (const outcome of outcomes)
      byAnswer.set(outcome, (byAnswer.get(outcome) ?? 0) + 1);
    process.stdout.write(
      `route-variants: ${routes.length} routes, ${requests} requests ` +
        `(${variants} variants, ${skipped.length} skipped as other routes); canonical answers: ` +
        [...byAnswer].map(([answer, n]) => `${n}x ${answer}`).join(', ') +
        '\n' +
        skipped.map((s) => `  skipped ${s}\n`).join(''),
    );
    expect(failures).toEqual([]);
    // At least the five whole-path variants of every route were really sent.
    expect(variants).toBeGreaterThanOrEqual(routes.length * 5);
    expect(skipped.length).toBeLessThan(variants / 20);
  }, 30_000);
});
