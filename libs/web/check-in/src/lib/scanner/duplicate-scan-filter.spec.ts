import { DuplicateScanFilter } from './duplicate-scan-filter';

describe('DuplicateScanFilter', () => {
  let now = 0;
  const filter = () => new DuplicateScanFilter(5000, () => now);

  beforeEach(() => (now = 1_000));

  it('refuses the same text within the window and accepts it after', () => {
    const f = filter();
    expect(f.accept('A')).toBe(true);
    now += 400;
    expect(f.accept('A')).toBe(false);
    now += 4000;
    expect(f.accept('A')).toBe(false);
    now += 601;
    expect(f.accept('A')).toBe(true);
  });

  it('measures the window from the last acceptance, so a held code is not re-sent every frame', () => {
    const f = filter();
    f.accept('A');
    for (let i = 0; i < 20; i++) {
      now += 200;
      expect(f.accept('A')).toBe(false);
    }
    now += 1001;
    expect(f.accept('A')).toBe(true);
  });

  it('accepts another code at once, and then the first one again', () => {
    const f = filter();
    expect(f.accept('A')).toBe(true);
    expect(f.accept('B')).toBe(true);
    expect(f.accept('A')).toBe(true);
  });
});
