import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PasswordProblem,
  passwordProblems,
} from './password-policy';

describe('passwordProblems', () => {
  describe('acceptable passwords', () => {
    it.each([
      'correct horse battery staple',
      'Tr0ub4dor&3-velvet-Lamp',
      'k9#Vq2!mZx7@Lp',
      'mauve-otter-recites-sonnets',
      'zebra lantern 47 quietly',
      'Gx7$ePq2Wm!9',
      'Ünïcödé-pässwörd-Fjörd',
      '839204756123',
    ])('accepts %s', (password) => {
      expect(passwordProblems(password)).toEqual([]);
    });

    it('accepts exactly the minimum and maximum lengths', () => {
      const twelve = 'Gx7$ePq2Wm!9';
      expect([...twelve]).toHaveLength(PASSWORD_MIN_LENGTH);
      expect(passwordProblems(twelve)).toEqual([]);
      const base = 'Gx7$ePq2Wm!9kR4tYb8Nz';
      const max = base
        .repeat(Math.ceil(PASSWORD_MAX_LENGTH / base.length) + 1)
        .slice(0, PASSWORD_MAX_LENGTH);
      expect(passwordProblems(max)).not.toContain(PasswordProblem.TOO_LONG);
    });
  });

  describe('length', () => {
    it.each(['', 'a', 'Gx7$ePq2Wm!'])('refuses %j as too short', (password) => {
      expect(passwordProblems(password)).toContain(PasswordProblem.TOO_SHORT);
    });

    it('counts characters, not UTF-16 units', () => {
      // 11 emoji are 22 UTF-16 units but still 11 characters.
      expect(passwordProblems('🎭🎟🍷🎵🎻🎺🎹🥁🎷🎸🪕')).toContain(
        PasswordProblem.TOO_SHORT,
      );
    });

    it('refuses more than the maximum, and reports only that', () => {
      const long = 'Gx7$ePq2Wm!9'.repeat(11);
      expect(long.length).toBeGreaterThan(PASSWORD_MAX_LENGTH);
      expect(passwordProblems(long)).toEqual([PasswordProblem.TOO_LONG]);
      expect(passwordProblems('x'.repeat(10_000))).toEqual([
        PasswordProblem.TOO_LONG,
      ]);
    });

    it('refuses input that is not a string at all', () => {
      expect(passwordProblems(undefined as unknown as string)).toEqual([
        PasswordProblem.TOO_SHORT,
      ]);
    });
  });

  describe('repetition', () => {
    it.each([
      'aaaaaaaaaaaa',
      'aaaaaaaaaaaaaaaaaaaaaaaB1!',
      '111111111111',
      'zzzzzzzzzzzzzzzz',
      '!!!!!!!!!!!!x',
      'abababababab',
      'abcabcabcabc',
      '1212121212121',
      'xyzwxyzwxyzwxyzw',
      'aabbaabbaabbaabb',
    ])('refuses %s', (password) => {
      expect(passwordProblems(password)).toContain(PasswordProblem.REPETITIVE);
    });
  });

  describe('sequences', () => {
    it.each([
      '123456789012',
      '098765432109',
      'abcdefghijkl',
      'ABCDEFGHIJKL',
      'lkjihgfedcba',
      'qwertyuiop12',
      'QwertyUiop!!',
      'asdfghjkl;12',
      'zxcvbnm12345',
      'poiuytrewq99',
      '1234abcd5678',
      '!@#$%^&*()_+',
      '7890123456xy',
    ])('refuses %s', (password) => {
      expect(passwordProblems(password)).toContain(PasswordProblem.SEQUENCE);
    });

    it('tolerates a short run inside an otherwise strong password', () => {
      expect(passwordProblems('Velvet-lamp-1234-Otter')).not.toContain(
        PasswordProblem.SEQUENCE,
      );
    });
  });

  describe('common breached patterns', () => {
    it.each([
      'password1234',
      'Password123!',
      'PASSWORD2024!',
      'P@ssw0rd2024',
      'Pa$$w0rd!!!!',
      'p4ssw0rd1234',
      'letmein12345',
      'LetMeIn!2024',
      'welcome2024!',
      'Welcome@Foyer2025',
      'iloveyou2023',
      '1l0v3y0u!!!!',
      'admin1234567',
      '4dm1n!!!!!!!',
      'Administrator1',
      'foyer2024!!!',
      'Foyer-Theatre-2025',
      'qwerty123456',
      'Qwerty!Qwerty!',
      'passwordpassword',
      'adminpassword1',
      '2024password!',
      '!!!Welcome!!!',
      'Summer2024!!',
      'Dragon!!1998',
      'trustno1trustno1',
      'changeme2025',
      'Xpassword123!',
      'we1come12345',
      '1qaz2wsx3edc',
      'qazwsxedcrfv',
      '1q2w3e4r5t6y',
    ])('refuses %s', (password) => {
      expect(passwordProblems(password)).toContain(PasswordProblem.COMMON);
    });

    it('allows a common word inside a longer, otherwise unpredictable password', () => {
      expect(passwordProblems('my-password-is-a-purple-giraffe')).not.toContain(
        PasswordProblem.COMMON,
      );
      expect(passwordProblems('welcome to the violet harbour')).not.toContain(
        PasswordProblem.COMMON,
      );
    });

    it('does not refuse a random string that happens to hold a short base', () => {
      // 'abc' and 'god' turn up by chance; only four or more letters of bases count.
      expect(passwordProblems('&@&wSA0BC&j-')).toEqual([]);
      expect(passwordProblems('9x#GoD7!k2$v')).toEqual([]);
    });
  });

  describe('personal information', () => {
    const context = {
      email: 'jane.doe+foyer@example.com',
      displayName: 'Jane Doe',
    };

    it.each([
      'JaneDoe-2024-velvet',
      'velvet-jane.doe-lamp',
      'xx-jane-doe-lamp-xx',
    ])('refuses %s for containing the email local part', (password) => {
      expect(passwordProblems(password, context)).toContain(
        PasswordProblem.CONTAINS_EMAIL,
      );
    });

    it('matches the email local part without its +tag and ignoring case', () => {
      expect(
        passwordProblems('Bob-Marley-Velvet9', { email: 'bob@example.com' }),
      ).toContain(PasswordProblem.CONTAINS_EMAIL);
      expect(
        passwordProblems('velvet-lamp-MARTINEZ', {
          email: 'r.martinez+x@example.com',
        }),
      ).toContain(PasswordProblem.CONTAINS_EMAIL);
    });

    it('does not refuse on the email domain or on very short local parts', () => {
      expect(
        passwordProblems('example-velvet-lamp', { email: 'jq@example.com' }),
      ).toEqual([]);
      expect(
        passwordProblems('velvet-jq-lamp-otter', { email: 'jq@example.com' }),
      ).toEqual([]);
    });

    it.each(['Ana Lima', 'ana-lima', 'ANA.LIMA'])(
      'refuses a password containing the name %s',
      (displayName) => {
        expect(
          passwordProblems('violet-lima-harbour', { displayName }),
        ).toContain(PasswordProblem.CONTAINS_NAME);
        expect(
          passwordProblems('AnaLima-violet-harbour', { displayName }),
        ).toContain(PasswordProblem.CONTAINS_NAME);
      },
    );

    it('ignores short name words but not the whole short name', () => {
      expect(
        passwordProblems('banana-violet-harbour', { displayName: 'Ana Li' }),
      ).toEqual([]);
      expect(
        passwordProblems('violet-AnaLi-harbour', { displayName: 'Ana Li' }),
      ).toContain(PasswordProblem.CONTAINS_NAME);
    });

    it('normalises Unicode so look-alike forms still match', () => {
      expect(
        passwordProblems('violet-ＪＯＳＥＰＨ-harbour', {
          displayName: 'Joseph',
        }),
      ).toContain(PasswordProblem.CONTAINS_NAME);
    });

    it('ignores empty context values', () => {
      expect(
        passwordProblems('violet harbour lamp', {
          email: '',
          displayName: '   ',
        }),
      ).toEqual([]);
    });
  });

  describe('reporting', () => {
    it('reports every problem at once', () => {
      const problems = passwordProblems('jane1234', {
        email: 'jane@example.com',
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          PasswordProblem.TOO_SHORT,
          PasswordProblem.CONTAINS_EMAIL,
        ]),
      );
    });

    it('never echoes the password', () => {
      const candidates = [
        'Password123!',
        'qwertyuiop12',
        'jane.doe-velvet',
        'aaaaaaaaaaaa',
        'short',
      ];
      for (const password of candidates) {
        for (const message of passwordProblems(password, {
          email: 'jane.doe@example.com',
          displayName: 'Jane',
        })) {
          expect(message.toLowerCase()).not.toContain(password.toLowerCase());
          expect(message).not.toMatch(/jane/i);
        }
      }
    });

    it('returns only the documented messages', () => {
      const known = new Set<string>(Object.values(PasswordProblem));
      for (const message of passwordProblems('aaa', {
        email: 'aaa@example.com',
        displayName: 'aaa',
      })) {
        expect(known.has(message)).toBe(true);
      }
    });

    it('stays fast on hostile input', () => {
      const started = Date.now();
      for (let i = 0; i < 200; i += 1) {
        passwordProblems('!1'.repeat(64), {
          email: 'a'.repeat(64) + '@x.io',
          displayName: 'b '.repeat(60),
        });
      }
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
});
