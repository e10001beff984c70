import { formatWait } from './format-wait';

describe('formatWait', () => {
  it.each([
    [null, 'a little while'],
    [0, 'a little while'],
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [840, '14 minutes'],
    [899, '15 minutes'],
  ])('%p → %p', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });

  it('says what the caller wants when the wait is unknown', () => {
    expect(formatWait(null, 'a moment')).toBe('a moment');
  });
});
