import { INestApplication } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TenantContext } from '@foyer/api/platform/database';
import { REDIS } from '@foyer/api/platform/redis';
import { PermissionsGuard } from '@foyer/api/rbac';
import {
  TestDatabase,
  createTenantRow,
  createTestApp,
  createTestDatabase,
} from '@foyer/api/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuthenticationGuard } from './authentication.guard';
import { CsrfGuard } from './csrf.guard';
import { AuthModule } from './auth.module';
import { Lockout, lockoutAccount } from './lockout.service';
import { PasswordHasher } from './password-hasher.service';
import { StaffAccounts } from './staff-accounts.service';

const PASSWORD = 'Stage-door-7-lights';
const NEW_PASSWORD = 'Brand-new-stage-lights-42';

/**
 * The lockout under concurrency: a guess is reserved in Redis before the password is
 * compared, so bursts, on one instance or two, never get more than five guesses evaluated;
 * and a password change is a guess like a login.
 */
describe('account lockout under concurrency (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let second: INestApplication;
  let tenant: string;
  const env: Record<string, string> = {
    REDIS_KEY_PREFIX: `test:lockout:${randomUUID()}:`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  };
  const boot = (overrides: Record<string, string> = {}) =>
    createTestApp(db, {
      imports: [AuditModule, AuthModule],
      authenticate: [AuthenticationGuard, CsrfGuard],
      authorize: [PermissionsGuard],
      env: { ...env, ...overrides },
    });
  let seq = 0;
  /** A fresh account in the tenant, so each test starts with a clean counter. */
  const account = async (target: INestApplication = app) => {
    seq += 1;
    const email = `lock-${seq}-${randomUUID().slice(0, 8)}@alpha.test`;
    await target.get(TenantContext).run(tenant, () =>
      target.get(StaffAccounts).addMember({
        email,
        displayName: `Lock ${seq}`,
        role: 'host',
        password: PASSWORD,
      }),
    );
    return email;
  };
  const login = (
    target: INestApplication,
    email: string,
    password: string,
  ): Promise<request.Response> =>
    request(target.getHttpServer())
      .post('/api/auth/login')
      .set('X-Auth-Mode', 'bearer')
      .send({ email, password })
      .then((res) => res);
  const changePassword = (
    target: INestApplication,
    token: string,
    currentPassword: string,
  ): Promise<request.Response> =>
    request(target.getHttpServer())
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword, newPassword: NEW_PASSWORD })
      .then((res) => res);
  const statuses = (responses: request.Response[]) => {
    const count: Record<string, number> = {};
    for (const res of responses) {
      const key = `${res.status} ${String(res.body?.code ?? '')}`.trim();
      count[key] = (count[key] ?? 0) + 1;
    }
    return count;
  };
  /** Counts the password comparisons of an app (calls of the hasher's verify). */
  const countChecks = (...targets: INestApplication[]) => {
    const spies = targets.map((target) =>
      jest.spyOn(target.get(PasswordHasher), 'verify'),
    );
    return {
      get count() {
        return spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      },
      restore: () => spies.forEach((spy) => spy.mockRestore()),
    };
  };
  const waitFor = async (condition: () => boolean, what: string) => {
    const until = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > until) {
        throw new Error(`timed out waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await boot();
    // The second instance shares Redis, the database and the keys of the first.
    for (const name of [
      'JWT_ACCESS_SECRET',
      'JWT_REFRESH_SECRET',
      'CAPABILITY_KEYS',
      'TOKEN_HASH_KEY',
      'MEDIA_SIGNING_KEY',
    ]) {
      env[name] = process.env[name] as string;
    }
    second = await boot();
    tenant = await createTenantRow(app, 'alpha', 'Alpha');
  });

  afterAll(async () => {
    await app?.close();
    await second?.close();
    await db?.drop();
  });

  describe('login', () => {
    it('evaluates exactly 5 of 30 wrong passwords sent at once; the other 25 are locked out', async () => {
      const email = await account();
      const checks = countChecks(app);
      try {
        const burst = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            login(app, email, `wrong-password-${i}`),
          ),
        );
        expect(statuses(burst)).toEqual({
          '401 INVALID_CREDENTIALS': 5,
          '429 ACCOUNT_LOCKED': 25,
        });
        expect(checks.count).toBe(5);
        for (const res of burst.filter((r) => r.status === 429)) {
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      } finally {
        checks.restore();
      }
      const after = await login(app, email, PASSWORD);
      expect(after.status).toBe(429);
      expect(after.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(after.headers['retry-after'])).toBeGreaterThan(800);
    });

    it('evaluates exactly 5 when the burst is spread over two API instances', async () => {
      const email = await account();
      const checks = countChecks(app, second);
      try {
        const burst = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            login(i % 2 ? second : app, email, `wrong-password-${i}`),
          ),
        );
        expect(statuses(burst)).toEqual({
          '401 INVALID_CREDENTIALS': 5,
          '429 ACCOUNT_LOCKED': 25,
        });
        expect(checks.count).toBe(5);
      } finally {
        checks.restore();
      }
      for (const target of [app, second]) {
        expect((await login(target, email, PASSWORD)).status).toBe(429);
      }
    });

    it('refuses the right password sent at the end of a burst of wrong ones', async () => {
      const email = await account();
      const wrong = Array.from({ length: 29 }, (_, i) =>
        login(i % 2 ? second : app, email, `wrong-password-${i}`),
      );
      const right = login(app, email, PASSWORD);
      const [burst, answer] = await Promise.all([Promise.all(wrong), right]);
      expect(answer.status).toBe(429);
      expect(answer.body.code).toBe('ACCOUNT_LOCKED');
      expect(statuses([...burst, answer])).toEqual({
        '401 INVALID_CREDENTIALS': 5,
        '429 ACCOUNT_LOCKED': 25,
      });
    });

    it('refuses the right password while five wrong guesses are still being checked', async () => {
      const email = await account();
      // Hold every wrong guess inside the hasher until the right one has been answered.
      const hasher = app.get(PasswordHasher);
      const verify = hasher.verify.bind(hasher);
      let held = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const spy = jest
        .spyOn(hasher, 'verify')
        .mockImplementation(async (...args: Parameters<typeof verify>) => {
          if (args[args.length - 1] !== PASSWORD) {
            held += 1;
            await gate;
          }
          return verify(...args);
        });
      try {
        const burst = Array.from({ length: 10 }, (_, i) =>
          login(app, email, `wrong-password-${i}`),
        );
        await waitFor(() => held >= 5, 'five guesses in the hasher');
        const right = await login(app, email, PASSWORD);
        expect(right.status).toBe(429);
        expect(right.body.code).toBe('ACCOUNT_LOCKED');
        release();
        expect(statuses(await Promise.all(burst))).toEqual({
          '401 INVALID_CREDENTIALS': 5,
          '429 ACCOUNT_LOCKED': 5,
        });
        expect(held).toBe(5);
      } finally {
        release();
        spy.mockRestore();
      }
      const locked = await login(second, email, PASSWORD);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    });

    it('locks unknown emails the same way, with the same answers', async () => {
      const known = await account();
      const unknown = `nobody-${randomUUID()}@alpha.test`;
      const [a, b] = await Promise.all(
        [known, unknown].map((email) =>
          Promise.all(
            Array.from({ length: 12 }, (_, i) =>
              login(i % 2 ? second : app, email, `wrong-password-${i}`),
            ),
          ),
        ),
      );
      expect(statuses(a)).toEqual({
        '401 INVALID_CREDENTIALS': 5,
        '429 ACCOUNT_LOCKED': 7,
      });
      expect(statuses(b)).toEqual(statuses(a));
      const strip = (res: request.Response) => ({
        ...res.body,
        requestId: undefined,
      });
      const lockedA = a.find((r) => r.status === 429) as request.Response;
      const lockedB = b.find((r) => r.status === 429) as request.Response;
      expect(strip(lockedB)).toEqual(strip(lockedA));
    });

    it('frees the reservation of a request that never finished, and only then', async () => {
      const email = await account();
      const lockout = app.get(Lockout);
      // Five guesses reserved by requests that died before settling.
      for (let i = 0; i < 5; i += 1) {
        await lockout.reserve(email, {});
      }
      const refused = await login(second, email, PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      const redis = app.get<Redis>(REDIS);
      const inFlight = `auth:lockout:{${lockoutAccount(email)}}:inflight`;
      expect(await redis.zcard(inFlight)).toBe(5);
      expect(await redis.pttl(inFlight)).toBeGreaterThan(0);
      expect(await redis.pttl(inFlight)).toBeLessThanOrEqual(60_000);
      // A minute later (scores moved back) the script trims them.
      const old = Date.now() - 61_000;
      for (const id of await redis.zrange(inFlight, 0, -1)) {
        await redis.zadd(inFlight, 'XX', old, id);
      }
      expect((await login(second, email, PASSWORD)).status).toBe(200);
      expect(await redis.zcard(inFlight)).toBe(0);
    });

    it('clears failures after a success, and releases the reservation', async () => {
      const email = await account();
      for (let i = 0; i < 4; i += 1) {
        expect((await login(app, email, `wrong-${i}`)).status).toBe(401);
      }
      expect((await login(second, email, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i += 1) {
        expect((await login(app, email, `wrong-${i}`)).status).toBe(401);
      }
      expect((await login(second, email, PASSWORD)).status).toBe(200);
    });
  });

  describe('password change', () => {
    const token = async (email: string, target = app) => {
      const res = await login(target, email, PASSWORD);
      expect(res.status).toBe(200);
      return res.body.accessToken as string;
    };

    it('counts a wrong current password towards the lockout: five, then locked, login too', async () => {
      const email = await account();
      const bearer = await token(email);
      for (let i = 0; i < 5; i += 1) {
        const res = await changePassword(
          i % 2 ? second : app,
          bearer,
          `wrong-current-${i}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      const right = await changePassword(app, bearer, PASSWORD);
      expect(right.status).toBe(429);
      expect(right.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
      const signIn = await login(second, email, PASSWORD);
      expect(signIn.status).toBe(429);
      expect(signIn.body.code).toBe('ACCOUNT_LOCKED');
      // The password did not change.
      expect((await login(app, email, NEW_PASSWORD)).status).toBe(429);
    });

    it('shares one counter with login', async () => {
      const email = await account();
      const bearer = await token(email);
      for (let i = 0; i < 3; i += 1) {
        expect((await login(app, email, `wrong-${i}`)).status).toBe(401);
      }
      for (let i = 0; i < 2; i += 1) {
        expect(
          (await changePassword(second, bearer, `wrong-${i}`)).status,
        ).toBe(400);
      }
      expect((await login(app, email, PASSWORD)).status).toBe(429);
      expect((await changePassword(app, bearer, PASSWORD)).status).toBe(429);
    });

    it('evaluates exactly 5 of 30 wrong current passwords sent at once over two instances', async () => {
      const email = await account();
      const bearer = await token(email);
      const checks = countChecks(app, second);
      try {
        const burst = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            changePassword(i % 2 ? second : app, bearer, `wrong-current-${i}`),
          ),
        );
        expect(statuses(burst)).toEqual({
          '400 VALIDATION_FAILED': 5,
          '429 ACCOUNT_LOCKED': 25,
        });
        expect(checks.count).toBe(5);
      } finally {
        checks.restore();
      }
      expect((await login(app, email, PASSWORD)).status).toBe(429);
    });

    it('still changes the password with the right current one, and clears the failures', async () => {
      const email = await account();
      const bearer = await token(email);
      for (let i = 0; i < 4; i += 1) {
        expect((await changePassword(app, bearer, `wrong-${i}`)).status).toBe(
          400,
        );
      }
      expect((await changePassword(app, bearer, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i += 1) {
        expect((await login(app, email, `wrong-${i}`)).status).toBe(401);
      }
      expect((await login(app, email, NEW_PASSWORD)).status).toBe(200);
    });

    it('is limited by the login bucket per IP, shared with login', async () => {
      // Its own Redis prefix: a fresh login bucket of 4 per minute for this client IP.
      const limited = await boot({
        REDIS_KEY_PREFIX: `test:lockout:${randomUUID()}:`,
        LOGIN_RATE_LIMIT_PER_MINUTE: '4',
      });
      try {
        const emails = [await account(limited), await account(limited)];
        const bearer = await token(emails[0], limited);
        expect((await changePassword(limited, bearer, 'wrong-a')).status).toBe(
          400,
        );
        expect((await changePassword(limited, bearer, 'wrong-b')).status).toBe(
          400,
        );
        expect((await changePassword(limited, bearer, 'wrong-c')).status).toBe(
          400,
        );
        const throttled = await changePassword(limited, bearer, 'wrong-d');
        expect(throttled.status).toBe(429);
        expect(throttled.body.code).toBe('RATE_LIMITED');
        expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
        // The same bucket: login from this IP is throttled too, for another account.
        const signIn = await login(limited, emails[1], PASSWORD);
        expect(signIn.status).toBe(429);
        expect(signIn.body.code).toBe('RATE_LIMITED');
      } finally {
        await limited.close();
      }
    });
  });
});
