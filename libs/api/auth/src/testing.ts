/**
 * Staff fixtures for integration specs, imported as `@foyer/api/auth/testing`. Nothing in
 * production imports this entry point, so no bundle carries it.
 */
import { INestApplication } from '@nestjs/common';
import { Role } from '@foyer/contracts';
import { TenantContext } from '@foyer/api/platform/database';
import { createTenantRow } from '@foyer/api/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { StaffAccounts } from './lib/staff-accounts.service';

export const STAFF_PASSWORD = 'Stage-door-7-lights';

export interface SeededStaff {
  /** Tenant id by slug. */
  tenants: Record<string, string>;
  /** Bearer access token by `role@slug`. */
  tokens: Record<string, string>;
}

/**
 * Creates each tenant with one member per role (`<role>@<slug>.test`) and signs each in
 * as a bearer client. The app needs AuthModule and a login rate limit that admits them.
 */
export async function seedStaff(
  app: INestApplication,
  roles: Record<string, readonly Role[]>,
  options: { password?: string; tenantName?: (slug: string) => string } = {},
): Promise<SeededStaff> {
  const password = options.password ?? STAFF_PASSWORD;
  const accounts = app.get(StaffAccounts);
  const seeded: SeededStaff = { tenants: {}, tokens: {} };
  for (const [slug, slugRoles] of Object.entries(roles)) {
    const tenant = await createTenantRow(app, slug, options.tenantName?.(slug));
    seeded.tenants[slug] = tenant;
    await app.get(TenantContext).run(tenant, async () => {
      for (const role of slugRoles) {
        await accounts.addMember({
          email: `${role}@${slug}.test`,
          displayName: role,
          role,
          password,
        });
      }
    });
    for (const role of slugRoles) {
      const res = await request(app.getHttpServer())
        .post('/api/auth/login')
        .set('X-Auth-Mode', 'bearer')
        .send({ email: `${role}@${slug}.test`, password })
        .expect(200);
      seeded.tokens[`${role}@${slug}`] = res.body.accessToken;
    }
  }
  return seeded;
}

type Write = (
  path: string,
  body?: object,
  idempotencyKey?: string,
) => request.Test;

export interface StaffClient {
  get: (path: string) => request.Test;
  post: Write;
  patch: Write;
  put: Write;
  delete: Write;
}

/**
 * Requests with `Authorization: Bearer <token>`. Writes carry a fresh Idempotency-Key
 * unless one is given, and send `body` as JSON only when there is one (so `.attach()` works).
 */
export function staffAs(app: INestApplication, token: string): StaffClient {
  const http = () => request(app.getHttpServer());
  const write =
    (method: 'post' | 'patch' | 'put' | 'delete'): Write =>
    (path, body, idempotencyKey = randomUUID()) => {
      const test = http()
        [method](path)
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', idempotencyKey);
      return body === undefined ? test : test.send(body);
    };
  return {
    get: (path) => http().get(path).set('Authorization', `Bearer ${token}`),
    post: write('post'),
    patch: write('patch'),
    put: write('put'),
    delete: write('delete'),
  };
}
