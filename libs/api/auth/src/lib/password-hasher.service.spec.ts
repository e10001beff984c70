import { PasswordAttempt } from './password-attempt';
import { PasswordHasher } from './password-hasher.service';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  let stored: string;

  beforeAll(async () => {
    await hasher.onModuleInit();
    stored = await hasher.hash('Stage-door-7-lights');
  });

  const attempt = () => new PasswordAttempt('account', 'id');

  it('compares a password under a reserved attempt', async () => {
    await expect(
      hasher.verify(attempt(), stored, 'Stage-door-7-lights'),
    ).resolves.toBe(true);
    await expect(hasher.verify(attempt(), stored, 'wrong')).resolves.toBe(
      false,
    );
  });

  it('fails, at the same cost, without a stored hash', async () => {
    await expect(hasher.verify(attempt(), null, '')).resolves.toBe(false);
    await expect(
      hasher.verify(attempt(), 'not-a-hash', 'Stage-door-7-lights'),
    ).resolves.toBe(false);
  });

  it('spends the attempt: one comparison per reserved guess', async () => {
    const once = attempt();
    expect(once.evaluated).toBe(false);
    await hasher.verify(once, stored, 'wrong');
    expect(once.evaluated).toBe(true);
    await expect(
      hasher.verify(once, stored, 'Stage-door-7-lights'),
    ).rejects.toThrow(/evaluated once/);
  });

  it('settles an attempt once', () => {
    const once = attempt();
    expect(once.settle()).toBe(true);
    expect(once.settle()).toBe(false);
    expect(once.settled).toBe(true);
  });
});
