import {
  Controller,
  ExecutionContext,
  ForbiddenException,
  Get,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Permission, Role } from '@foyer/contracts';
import { AuthenticatedPrincipal, PermissionsGuard } from './permissions.guard';
import { RequirePermissions } from './require-permissions.decorator';

@Controller('api/staff/menu/items')
class StaffMenuController {
  @Get('edit')
  @RequirePermissions(Permission.MENU_EDIT)
  edit(): void {
    return;
  }

  @Get('edit-and-manage')
  @RequirePermissions(Permission.MENU_EDIT, Permission.TABLES_MANAGE)
  editAndManage(): void {
    return;
  }

  @Get(':id')
  forgotten(): void {
    return;
  }
}

/** A staff route mounted at the controller's root: the surface comes from the class. */
@Controller('api/staff')
class StaffRootController {
  @Get()
  forgotten(): void {
    return;
  }
}

/** Routes outside /api/staff: the names look like staff, the surface is not. */
@Controller('api/public/staff')
class PublicStaffLookalikeController {
  @Get()
  forgotten(): void {
    return;
  }
}

@Controller('api/staffing')
class StaffingController {
  @Get()
  forgotten(): void {
    return;
  }
}

@Controller('api/auth')
class AuthLikeController {
  @Get('login')
  forgotten(): void {
    return;
  }
}

@Controller('api/staff/orders')
@RequirePermissions(Permission.ORDERS_VIEW)
class StaffOrdersController {
  @Get()
  list(): void {
    return;
  }

  @Get(':id')
  @RequirePermissions(Permission.ORDERS_UPDATE)
  update(): void {
    return;
  }
}

interface FakeRequest {
  user?: AuthenticatedPrincipal | null;
  originalUrl?: string;
  url?: string;
  route?: { path?: string };
}

function contextFor(
  controller: new () => object,
  method: string,
  req: FakeRequest,
  type: 'http' | 'ws' | 'rpc' = 'http',
): ExecutionContext {
  const handler = (controller.prototype as Record<string, unknown>)[
    method
  ] as () => void;
  const context: Partial<ExecutionContext> = {
    getType: <T extends string>() => type as T,
    getHandler: () => handler,
    getClass: <T>() => controller as T,
    switchToHttp: () => ({
      getRequest: <T>() => req as T,
      getResponse: <T>() => ({}) as T,
      getNext: <T>() => (() => undefined) as T,
    }),
  };
  return context as ExecutionContext;
}

const principal = (
  role: Role,
  permissions?: readonly Permission[],
): AuthenticatedPrincipal =>
  permissions === undefined ? { role } : { role, permissions };

describe('PermissionsGuard', () => {
  const guard = new PermissionsGuard(new Reflector());
  const staffUrl = '/api/staff/menu/items';

  describe('routes that declare permissions', () => {
    it('lets a principal with the permission through', () => {
      const req = { originalUrl: staffUrl, user: principal('manager') };
      expect(
        guard.canActivate(contextFor(StaffMenuController, 'edit', req)),
      ).toBe(true);
    });

    it('refuses a principal lacking it with 403', () => {
      const req = { originalUrl: staffUrl, user: principal('host') };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'edit', req)),
      ).toThrow(ForbiddenException);
    });

    it('refuses when any one of several required permissions is missing', () => {
      const kitchen = { originalUrl: staffUrl, user: principal('kitchen') };
      expect(() =>
        guard.canActivate(
          contextFor(StaffMenuController, 'editAndManage', kitchen),
        ),
      ).toThrow(ForbiddenException);
      const admin = { originalUrl: staffUrl, user: principal('admin') };
      expect(
        guard.canActivate(
          contextFor(StaffMenuController, 'editAndManage', admin),
        ),
      ).toBe(true);
    });

    it('refuses a request without a principal with 401', () => {
      for (const user of [undefined, null]) {
        const req = { originalUrl: staffUrl, user };
        expect(() =>
          guard.canActivate(contextFor(StaffMenuController, 'edit', req)),
        ).toThrow(UnauthorizedException);
      }
    });

    it('refuses a principal with an unknown role', () => {
      const req = {
        originalUrl: staffUrl,
        user: principal('root' as Role, [Permission.MENU_EDIT]),
      };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'edit', req)),
      ).toThrow(ForbiddenException);
    });

    it('never lets carried permissions exceed the role', () => {
      const req = {
        originalUrl: staffUrl,
        user: principal('viewer', [Permission.MENU_EDIT]),
      };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'edit', req)),
      ).toThrow(ForbiddenException);
    });

    it('honours carried permissions that narrow the role', () => {
      const req = {
        originalUrl: staffUrl,
        user: principal('owner', [Permission.MENU_VIEW]),
      };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'edit', req)),
      ).toThrow(ForbiddenException);
      const empty = { originalUrl: staffUrl, user: principal('owner', []) };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'edit', empty)),
      ).toThrow(ForbiddenException);
    });

    it('applies the method declaration over the class one', () => {
      const kitchen = {
        originalUrl: '/api/staff/orders/1',
        user: principal('kitchen'),
      };
      const viewer = {
        originalUrl: '/api/staff/orders/1',
        user: principal('viewer'),
      };
      expect(
        guard.canActivate(contextFor(StaffOrdersController, 'list', viewer)),
      ).toBe(true);
      expect(
        guard.canActivate(contextFor(StaffOrdersController, 'update', kitchen)),
      ).toBe(true);
      expect(() =>
        guard.canActivate(contextFor(StaffOrdersController, 'update', viewer)),
      ).toThrow(ForbiddenException);
    });

    it('is enforced whatever the path, public or not', () => {
      const req = {
        originalUrl: '/api/public/anything',
        user: principal('viewer'),
      };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'edit', req)),
      ).toThrow(ForbiddenException);
    });
  });

  describe('staff routes that declare nothing', () => {
    // The URL a request carried is irrelevant: the route it matched decides.
    it.each([
      '/api/staff/menu/items/1',
      '/API/Staff/menu/items/1',
      '//api//staff/menu/items/1',
      '/api/%73taff/menu/items/1',
      '/rewritten',
      '/api/public/anything',
    ])('refuses a request for %s even for the owner', (url) => {
      const req = { originalUrl: url, url, user: principal('owner') };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'forgotten', req)),
      ).toThrow(ForbiddenException);
    });

    it('refuses the root route of a staff controller', () => {
      const req = { originalUrl: '/api/public/x', user: principal('owner') };
      expect(() =>
        guard.canActivate(contextFor(StaffRootController, 'forgotten', req)),
      ).toThrow(ForbiddenException);
    });

    it('refuses without a principal too', () => {
      const req = { originalUrl: staffUrl };
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'forgotten', req)),
      ).toThrow(ForbiddenException);
    });
  });

  describe('routes outside /api/staff that declare nothing', () => {
    it.each([
      [PublicStaffLookalikeController, '/api/public/staff'],
      [StaffingController, '/api/staffing'],
      [AuthLikeController, '/api/auth/login'],
      // A URL that looks like staff does not make a public route a staff one either.
      [PublicStaffLookalikeController, '/api/staff/users'],
    ] as const)('leaves %p (%s) to the other guards', (controller, url) => {
      const req = { originalUrl: url, url };
      expect(
        guard.canActivate(
          contextFor(controller as new () => object, 'forgotten', req),
        ),
      ).toBe(true);
    });
  });

  describe('non-HTTP contexts', () => {
    it('refuses a handler that declares permissions', () => {
      expect(() =>
        guard.canActivate(contextFor(StaffMenuController, 'edit', {}, 'ws')),
      ).toThrow(ForbiddenException);
    });

    it('does not govern handlers that declare nothing', () => {
      expect(
        guard.canActivate(
          contextFor(StaffMenuController, 'forgotten', {}, 'ws'),
        ),
      ).toBe(true);
    });
  });
});

describe('RequirePermissions', () => {
  it('stores a frozen list readable by the Reflector', () => {
    const stored = new Reflector().get<readonly Permission[]>(
      'foyer:required-permissions',
      (StaffMenuController.prototype as unknown as Record<string, () => void>)[
        'editAndManage'
      ],
    );
    expect(stored).toEqual([Permission.MENU_EDIT, Permission.TABLES_MANAGE]);
    expect(Object.isFrozen(stored)).toBe(true);
  });
});
