/**
 * Staff password rules (docs/architecture.md: weak or breached-pattern passwords are a
 * 400 VALIDATION_FAILED, minimum 12 characters). Length is the main defence; the other
 * rules refuse the shapes that fall first to guessing and credential-stuffing lists.
 * Messages never quote the password, so they are safe to log and to return.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const PasswordProblem = {
  TOO_SHORT: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  TOO_LONG: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  REPETITIVE:
    'Avoid passwords made mostly of one repeated character or a short repeated pattern.',
  SEQUENCE:
    'Avoid simple sequences such as 12345678, abcdefgh or keyboard rows.',
  COMMON:
    'This password follows a commonly breached pattern; choose something less predictable.',
  CONTAINS_EMAIL: 'Do not use your email address in your password.',
  CONTAINS_NAME: 'Do not use your name in your password.',
} as const;

export type PasswordProblem =
  (typeof PasswordProblem)[keyof typeof PasswordProblem];

export interface PasswordContext {
  email?: string;
  displayName?: string;
}

// Bases that head every breached-password list; checked after stripping the digit, year
// and punctuation decorations people add to satisfy composition rules.
const COMMON_BASES = [
  'password',
  'passwort',
  'passw',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'administrator',
  'foyer',
  'qwerty',
  'qwertz',
  'azerty',
  'asdf',
  'zxcv',
  'abc',
  'login',
  'secret',
  'changeme',
  'default',
  'hello',
  'love',
  'test',
  'guest',
  'root',
  'user',
  'master',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'soccer',
  'sunshine',
  'princess',
  'shadow',
  'superman',
  'batman',
  'trustno',
  'whatever',
  'starwars',
  'summer',
  'winter',
  'spring',
  'autumn',
  'freedom',
  'access',
  'flower',
  'hunter',
  'killer',
  'ninja',
  'pokemon',
  'charlie',
  'michael',
  'jesus',
  'god',
  'lovely',
  'theatre',
  'theater',
  'venue',
  'restaurant',
  'tickets',
  'club',
  'zaq',
  'qaz',
  'wsx',
  'edc',
  'rfv',
  'tgb',
];

// Longest first so 'password' is removed whole before 'passw' or 'pass' could split it.
const BASES_LONGEST_FIRST = [...COMMON_BASES].sort(
  (a, b) => b.length - a.length,
);

// Each string lists characters that typing or spelling treats as neighbours; runs along
// one of them (either direction) are sequences.
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertzuiop',
  'yxcvbnm',
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
  '1234567890-=',
  '!@#$%^&*()_+',
];

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
  '8': 'b',
  '9': 'g',
};

const MIN_SEQUENCE_RUN = 4;
const MIN_IDENTITY_PART = 3;
// Shorter single words (Ana, Li) would refuse too many unrelated passwords.
const MIN_IDENTITY_WORD = 4;
const MAX_COMMON_RESIDUE = 3;
// A lone three-letter base (abc, god) turns up by chance in random strings.
const MIN_COMMON_LETTERS = 4;

function chars(value: string): string[] {
  return Array.from(value);
}

function isRepetitive(password: string): boolean {
  const cs = chars(password.toLowerCase());
  const counts = new Map<string, number>();
  for (const c of cs) {
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const mostFrequent = Math.max(...counts.values());
  if (mostFrequent * 2 >= cs.length || counts.size <= 3) {
    return true;
  }
  // A short unit repeated across the whole password: abcabcabcabc, 1212121212ab.
  for (let unit = 2; unit <= 4; unit += 1) {
    let matching = 0;
    for (let i = unit; i < cs.length; i += 1) {
      if (cs[i] === cs[i - unit]) {
        matching += 1;
      }
    }
    if (matching >= (cs.length - unit) * 0.75) {
      return true;
    }
  }
  return false;
}

/** Whether b follows a (or precedes it) in one of the neighbour sequences. */
function step(a: string, b: string): 1 | -1 | 0 {
  for (const sequence of SEQUENCES) {
    for (
      let i = sequence.indexOf(a);
      i !== -1;
      i = sequence.indexOf(a, i + 1)
    ) {
      if (sequence[i + 1] === b) {
        return 1;
      }
      if (i > 0 && sequence[i - 1] === b) {
        return -1;
      }
    }
  }
  return 0;
}

/** Counts characters that belong to sequential runs of MIN_SEQUENCE_RUN or more. */
function sequentialCharacters(password: string): number {
  const cs = chars(password.toLowerCase());
  let covered = 0;
  let runLength = 1;
  let direction: 1 | -1 | 0 = 0;
  const closeRun = () => {
    if (runLength >= MIN_SEQUENCE_RUN) {
      covered += runLength;
    }
  };
  for (let i = 1; i < cs.length; i += 1) {
    const s = step(cs[i - 1] as string, cs[i] as string);
    if (s !== 0 && (direction === 0 || s === direction)) {
      direction = s;
      runLength += 1;
      continue;
    }
    closeRun();
    direction = s;
    runLength = s === 0 ? 1 : 2;
  }
  closeRun();
  return covered;
}

function isMostlySequence(password: string): boolean {
  return sequentialCharacters(password) * 2 >= chars(password).length;
}

function lettersOnly(value: string): string {
  return value.replace(/[^a-z]/g, '');
}

function deLeet(value: string, one: 'i' | 'l'): string {
  return chars(value)
    .map((c) => (c === '1' ? one : (LEET[c] ?? c)))
    .join('');
}

/** Removes every occurrence of the common bases, longest first, and returns what is left. */
function withoutCommonBases(value: string): {
  residue: string;
  removed: number;
} {
  let residue = value;
  for (const base of BASES_LONGEST_FIRST) {
    residue = residue.split(base).join('');
  }
  return { residue, removed: value.length - residue.length };
}

const MAX_DECORATION = 8;

function nonLetterRun(cs: string[], fromEnd: boolean): number {
  let n = 0;
  while (
    n < cs.length &&
    !/[a-z]/.test(cs[fromEnd ? cs.length - 1 - n : n] as string)
  ) {
    n += 1;
  }
  return n;
}

/**
 * Whether the password is a common base (or a few of them) dressed with digits, years or
 * punctuation, leetspeak included. Decorations are dropped in every cut up to
 * MAX_DECORATION characters per end, because a leet character at the boundary may be
 * part of the word (4dm1n!!!) or part of the decoration (password1).
 */
function isCommonPattern(password: string): boolean {
  const cs = chars(password.toLowerCase());
  const leading = nonLetterRun(cs, false);
  const trailing = leading === cs.length ? 0 : nonLetterRun(cs, true);
  for (
    let keepStart = 0;
    keepStart <= Math.min(leading, MAX_DECORATION);
    keepStart += 1
  ) {
    for (
      let keepEnd = 0;
      keepEnd <= Math.min(trailing, MAX_DECORATION);
      keepEnd += 1
    ) {
      const core = cs
        .slice(leading - keepStart, cs.length - trailing + keepEnd)
        .join('');
      for (const variant of [
        lettersOnly(core),
        lettersOnly(deLeet(core, 'i')),
        lettersOnly(deLeet(core, 'l')),
      ]) {
        const { residue, removed } = withoutCommonBases(variant);
        if (
          removed >= MIN_COMMON_LETTERS &&
          residue.length <= MAX_COMMON_RESIDUE
        ) {
          return true;
        }
      }
    }
  }
  return false;
}

function normaliseIdentity(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

function containsAnyPart(password: string, parts: string[]): boolean {
  const lower = normaliseIdentity(password);
  const compact = lower.replace(/[^\p{L}\p{N}]/gu, '');
  return parts
    .map((part) => normaliseIdentity(part))
    .some((part) => lower.includes(part) || compact.includes(part));
}

/** Whole identifiers from MIN_IDENTITY_PART characters, single words from MIN_IDENTITY_WORD. */
function identityParts(whole: string, words: string[]): string[] {
  const compact = whole.replace(/[^\p{L}\p{N}]/gu, '');
  return [
    ...[whole, compact].filter(
      (part) => chars(part).length >= MIN_IDENTITY_PART,
    ),
    ...words.filter((word) => chars(word).length >= MIN_IDENTITY_WORD),
  ];
}

function emailParts(email: string): string[] {
  // The +tag is routing, not identity: jane+foyer@ is still jane.
  const local = ((email.split('@', 1)[0] ?? '').split('+', 1)[0] ?? '').trim();
  return identityParts(local, local.split(/[._-]+/));
}

function nameParts(displayName: string): string[] {
  const trimmed = displayName.trim();
  return identityParts(trimmed, trimmed.split(/[\s._-]+/));
}

/**
 * Everything wrong with a proposed password, as messages a person can act on; empty when
 * it is acceptable. An over-long password is reported alone so no rule runs on
 * attacker-sized input.
 */
export function passwordProblems(
  password: string,
  context: PasswordContext = {},
): string[] {
  if (typeof password !== 'string') {
    return [PasswordProblem.TOO_SHORT];
  }
  const length = chars(password).length;
  if (length > PASSWORD_MAX_LENGTH) {
    return [PasswordProblem.TOO_LONG];
  }
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(PasswordProblem.TOO_SHORT);
  }
  if (length === 0) {
    return problems;
  }
  if (isRepetitive(password)) {
    problems.push(PasswordProblem.REPETITIVE);
  }
  if (isMostlySequence(password)) {
    problems.push(PasswordProblem.SEQUENCE);
  }
  if (isCommonPattern(password)) {
    problems.push(PasswordProblem.COMMON);
  }
  if (context.email && containsAnyPart(password, emailParts(context.email))) {
    problems.push(PasswordProblem.CONTAINS_EMAIL);
  }
  if (
    context.displayName &&
    containsAnyPart(password, nameParts(context.displayName))
  ) {
    problems.push(PasswordProblem.CONTAINS_NAME);
  }
  return problems;
}
