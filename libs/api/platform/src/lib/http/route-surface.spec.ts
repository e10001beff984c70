import {
  Controller,
  ExecutionContext,
  Get,
  INestApplication,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { canonicalUuid, defaultPolicy } from '../rate-limit/rate-limit.guard';
import { declaredRoute, routeSurface, surfaceOf } from './route-surface';
import { hasStrictRouting, useStrictRouting } from './router-options';

@Controller('api/staff/rooms')
class RoomsController {
  @Get()
  list(): string {
    return 'rooms';
  }

  @Post(':id/archive')
  archive(): string {
    return 'archived';
  }
}

@Controller('/api/public/')
class PublicController {
  @Get('venues/:slug')
  venue(): string {
    return 'venue';
  }
}

@Controller('api/auth')
class AuthController {
  @Post('refresh')
  refresh(): string {
    return 'refreshed';
  }
}

@Controller('api/staffing')
class LookalikeController {
  @Get()
  read(): string {
    return 'not staff';
  }
}

@Controller(['api/staff/a', 'api/public/a'])
class AmbiguousController {
  @Get()
  read(): string {
    return 'either';
  }
}

class UndecoratedController {
  handle(): string {
    return 'nothing declared';
  }
}

/** A context whose request says one thing and whose matched handler another. */
function contextFor(
  controller: new () => object,
  method: string,
  url = '/API/STAFF/rooms/',
): ExecutionContext {
  const handler = (controller.prototype as Record<string, unknown>)[method];
  const req = { method: 'POST', path: url, originalUrl: url, url };
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('declaredRoute', () => {
  it.each([
    [RoomsController, 'list', '/api/staff/rooms', 'staff'],
    [RoomsController, 'archive', '/api/staff/rooms/:id/archive', 'staff'],
    [PublicController, 'venue', '/api/public/venues/:slug', 'public'],
    [AuthController, 'refresh', '/api/auth/refresh', 'auth'],
    [LookalikeController, 'read', '/api/staffing', 'other'],
    [UndecoratedController, 'handle', '/', 'other'],
  ] as const)(
    '%p.%s is %s (%s), whatever the request URL says',
    (controller, method, path, surface) => {
      for (const url of ['/API/STAFF/rooms/', '/api/public/x', '/rewritten']) {
        const context = contextFor(
          controller as unknown as new () => object,
          method,
          url,
        );
        expect(declaredRoute(context)).toEqual({ path, surface });
        expect(routeSurface(context)).toBe(surface);
      }
    },
  );

  it('refuses a handler declared on several surfaces instead of picking one', () => {
    expect(() =>
      declaredRoute(contextFor(AmbiguousController, 'read')),
    ).toThrow(/exactly one surface/);
  });
});

describe('surfaceOf', () => {
  it.each([
    ['/api/staff', 'staff'],
    ['/api/staff/users/:id', 'staff'],
    ['/api/public/venues/:slug', 'public'],
    ['/api/media/:key', 'media'],
    ['/api/auth/login', 'auth'],
    ['/api/staffing', 'other'],
    ['/api/public-staff', 'other'],
    ['/health/live', 'other'],
    ['/metrics', 'other'],
  ])('%s → %s', (pattern, surface) => {
    expect(surfaceOf(pattern)).toBe(surface);
  });
});

describe('defaultPolicy', () => {
  it('follows the surface, not a path', () => {
    expect(defaultPolicy('POST', 'staff')).toBe('staff');
    expect(defaultPolicy('GET', 'staff')).toBe('staff');
    expect(defaultPolicy('GET', 'public')).toBe('publicRead');
    expect(defaultPolicy('HEAD', 'media')).toBe('publicRead');
    expect(defaultPolicy('PUT', 'public')).toBe('publicWrite');
    expect(defaultPolicy('GET', 'auth')).toBeNull();
  });

  it('limits a route of no known surface per IP rather than not at all', () => {
    expect(defaultPolicy('GET', 'other')).toBe('publicRead');
    expect(defaultPolicy('POST', 'other')).toBe('publicWrite');
  });
});

describe('canonicalUuid', () => {
  const id = '0b5e6f3c-9d1a-4c2b-8e7f-a1b2c3d4e5f6';

  it('lower-cases a UUID in any case, as PostgreSQL returns it', () => {
    for (const spelling of [
      id,
      id.toUpperCase(),
      '0B5e6F3c-9D1a-4C2b-8E7f-A1b2C3d4E5f6',
    ]) {
      expect(canonicalUuid(spelling)).toBe(id);
    }
  });

  it.each([
    undefined,
    null,
    42,
    '',
    'not-a-uuid',
    `${id}x`,
    ` ${id}`,
    id.replace(/-/g, ''),
    `{${id}}`,
    `${id.slice(0, 35)}g`,
    ['a'],
  ])('gives %p no canonical form', (value) => {
    expect(canonicalUuid(value)).toBeNull();
  });
});

describe('IdempotencyService.applies', () => {
  it('covers mutations of public and staff routes only', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(IdempotencyService.applies(method, 'staff')).toBe(true);
      expect(IdempotencyService.applies(method, 'public')).toBe(true);
      expect(IdempotencyService.applies(method, 'auth')).toBe(false);
      expect(IdempotencyService.applies(method, 'other')).toBe(false);
    }
    expect(IdempotencyService.applies('GET', 'staff')).toBe(false);
    expect(IdempotencyService.applies('HEAD', 'public')).toBe(false);
  });
});

describe('useStrictRouting', () => {
  const apps: INestApplication[] = [];

  async function boot(
    configure: (app: INestApplication) => void,
  ): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      controllers: [RoomsController, AuthController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    apps.push(app);
    configure(app);
    await app.init();
    return app;
  }

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('gives every Nest route exactly one spelling', async () => {
    const app = await boot(useStrictRouting);
    expect(hasStrictRouting(app)).toBe(true);
    const http = () => request(app.getHttpServer());
    await http().get('/api/staff/rooms').expect(200, 'rooms');
    await http().post('/api/auth/refresh').expect(201, 'refreshed');
    for (const spelling of [
      '/API/STAFF/ROOMS',
      '/Api/Staff/Rooms',
      '/api/staff/rooms/',
      '/api//staff/rooms',
      '/api/st%61ff/rooms',
    ]) {
      await http().get(spelling).expect(404);
    }
    for (const spelling of [
      '/API/AUTH/refresh',
      '/api/auth/refresh/',
      '/api/auth/Refresh',
    ]) {
      await http().post(spelling).expect(404);
    }
  });

  it('is needed: app.set() alone leaves Express 5 routes case-insensitive and loose', async () => {
    const app = await boot((nest) => {
      const express = nest.getHttpAdapter().getInstance() as {
        set(name: string, value: boolean): void;
      };
      express.set('case sensitive routing', true);
      express.set('strict routing', true);
    });
    expect(hasStrictRouting(app)).toBe(false);
    await request(app.getHttpServer()).get('/API/STAFF/ROOMS/').expect(200);
  });

  it('refuses to run once routes are registered', async () => {
    const app = await boot(() => undefined);
    expect(() => useStrictRouting(app)).toThrow(/before routes/);
  });
});
