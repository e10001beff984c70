import { ApiError, NETWORK_ERROR } from '@foyer/web/data-access';
import { PublicPerformance } from '@foyer/web/public-data-access';
import {
  availabilityText,
  describeError,
  isBookable,
  isRetryable,
  linkFailure,
} from './public-text';

const perf = (over: Partial<PublicPerformance>): PublicPerformance => ({
  id: 'p',
  title: 'T',
  startsAt: '2030-03-16T18:30:00.000Z',
  endsAt: '2030-03-16T20:30:00.000Z',
  seatsAvailable: 3,
  maxPartySize: 6,
  bookingStatus: 'open',
  ...over,
});

describe('public text', () => {
  it('says how many seats are left, or why a performance cannot be booked', () => {
    expect(availabilityText(perf({ seatsAvailable: 1 }))).toBe('1 seat left');
    expect(availabilityText(perf({ seatsAvailable: 0 }))).toBe('Sold out');
    expect(availabilityText(perf({ bookingStatus: 'closed' }))).toBe(
      'Booking closed',
    );
    expect(availabilityText(perf({ bookingStatus: 'cancelled' }))).toBe(
      'Cancelled',
    );
    expect(isBookable(perf({}))).toBe(true);
    expect(isBookable(perf({ seatsAvailable: 0 }))).toBe(false);
    expect(isBookable(perf({ bookingStatus: 'sold_out' }))).toBe(false);
  });

  it('describes retryable failures without internals', () => {
    const offline = new ApiError(0, NETWORK_ERROR, 'x');
    expect(isRetryable(offline)).toBe(true);
    expect(describeError(offline)).toMatch(/connection/);
    const limited = new ApiError(429, 'RATE_LIMITED', 'x', [], null, 90);
    expect(describeError(limited)).toBe(
      'Too many requests from your network. Try again in 2 minutes.',
    );
    expect(
      describeError(new ApiError(500, 'INTERNAL', 'boom', [], 'req-1')),
    ).toContain('req-1');
    expect(isRetryable(new ApiError(409, 'SOLD_OUT', 'x'))).toBe(false);
  });

  it('lets a link be tried again only when the API stored no answer', () => {
    expect(linkFailure(new ApiError(0, NETWORK_ERROR, 'x'))).toEqual({
      kind: 'retry',
      message: expect.stringMatching(/connection/),
    });
    expect(linkFailure(new ApiError(404, 'NOT_FOUND', 'x'))).toEqual({
      kind: 'invalid',
    });
  });
});
