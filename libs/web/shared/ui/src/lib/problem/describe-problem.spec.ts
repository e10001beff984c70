import { ErrorCode } from '@foyer/contracts';
import { Problem, ProblemWords, describeProblem } from './describe-problem';

const WORDS: ProblemWords = {
  codes: {
    NETWORK_ERROR: 'Offline.',
    [ErrorCode.FORBIDDEN]: 'Not your role.',
  },
  tooManyRequests: (seconds) => `Wait ${seconds ?? '?'} s.`,
  serverFault: (requestId) => `Our fault${requestId ? ` (${requestId})` : ''}.`,
};

const problem = (over: Partial<Problem>): Problem => ({
  status: 409,
  code: ErrorCode.CONFLICT,
  detail: 'The room is in use.',
  requestId: null,
  retryAfterSeconds: null,
  ...over,
});

describe('describeProblem', () => {
  it('says the audience’s own sentence for the codes it names', () => {
    expect(
      describeProblem(problem({ status: 0, code: 'NETWORK_ERROR' }), WORDS),
    ).toBe('Offline.');
    expect(
      describeProblem(
        problem({ status: 403, code: ErrorCode.FORBIDDEN }),
        WORDS,
      ),
    ).toBe('Not your role.');
  });

  it('passes the wait of a rate limit on', () => {
    expect(
      describeProblem(
        problem({
          status: 429,
          code: ErrorCode.RATE_LIMITED,
          retryAfterSeconds: 30,
        }),
        WORDS,
      ),
    ).toBe('Wait 30 s.');
  });

  it('hides server internals behind the request id', () => {
    const fault = problem({
      status: 500,
      code: ErrorCode.INTERNAL,
      detail: 'stack trace',
      requestId: 'req-9',
    });
    expect(describeProblem(fault, WORDS)).toBe('Our fault (req-9).');
    expect(
      describeProblem({ ...fault, status: 502, code: 'UPSTREAM' }, WORDS),
    ).not.toContain('stack');
    expect(
      describeProblem(
        problem({ status: 0, code: ErrorCode.INTERNAL, detail: 'bug' }),
        WORDS,
      ),
    ).toBe('Our fault.');
  });

  it('shows the API’s detail for any other refusal', () => {
    expect(describeProblem(problem({}), WORDS)).toBe('The room is in use.');
  });
});
