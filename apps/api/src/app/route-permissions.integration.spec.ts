import { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '@foyer/api/platform/http';
import { MEMBER_ONLY, REQUIRED_PERMISSIONS } from '@foyer/api/rbac';
import { TestDatabase, createTestDatabase } from '@foyer/api/testing';
import { bootApi } from '../testing/boot-api';

/** Every route of the real composition, with what it declares. */
function routes(app: INestApplication) {
  const found: {
    path: string;
    isPublic: boolean;
    permissions: unknown[];
    memberOnly: boolean;
  }[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as
        (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          !Reflect.hasMetadata(PATH_METADATA, handler)
        )
          continue;
        const path =
          `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`
            .replace(/\/+/g, '/')
            .replace(/\/$/, '');
        const declared = (target: object, key: string) =>
          Reflect.getMetadata(key, target);
        found.push({
          path,
          isPublic: Boolean(
            declared(handler, IS_PUBLIC) ?? declared(controller, IS_PUBLIC),
          ),
          permissions: (declared(handler, REQUIRED_PERMISSIONS) ??
            declared(controller, REQUIRED_PERMISSIONS) ??
            []) as unknown[],
          memberOnly: Boolean(
            declared(handler, MEMBER_ONLY) ?? declared(controller, MEMBER_ONLY),
          ),
        });
      }
    }
  }
  return found;
}

describe('route declarations', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await bootApi(db);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('finds the routes of the composition', () => {
    const paths = routes(app).map((route) => route.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/staff/audit',
        '/health/ready',
      ]),
    );
  });

  it('makes every staff route declare permissions and never be public', () => {
    const staff = routes(app).filter((route) =>
      route.path.startsWith('/api/staff'),
    );
    expect(staff.length).toBeGreaterThan(0);
    for (const route of staff) {
      expect({ path: route.path, isPublic: route.isPublic }).toEqual({
        path: route.path,
        isPublic: false,
      });
      const declares = route.permissions.length > 0 || route.memberOnly;
      expect({ path: route.path, declares }).toEqual({
        path: route.path,
        declares: true,
      });
    }
  });

  it('opens to anonymous callers only public venue, signed media, auth entry, health and metrics routes', () => {
    const open = routes(app)
      .filter((route) => route.isPublic)
      .map((route) => route.path);
    for (const path of open) {
      expect(path).toMatch(
        /^\/(api\/public\/|api\/media\/:key$|api\/auth\/(login|refresh|csrf|set-password|accept-invitation|forgot-password|reset-password)$|health\/|metrics$)/,
      );
    }
  });
});
