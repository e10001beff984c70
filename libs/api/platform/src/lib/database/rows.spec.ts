import {
  RowShapeError,
  affectedOf,
  bool,
  integer,
  oneOf,
  optionalText,
  optionalTimestamp,
  rowsOf,
  text,
  timestamp,
} from './rows';

describe('reading rows at the database boundary', () => {
  it('takes the rows of a SELECT and of an UPDATE … RETURNING ([rows, count])', () => {
    expect(rowsOf([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(rowsOf([[{ a: 1 }], 1])).toEqual([{ a: 1 }]);
    expect(rowsOf([])).toEqual([]);
    expect(() => rowsOf('nope')).toThrow(RowShapeError);
    expect(() => rowsOf([1])).toThrow(RowShapeError);
  });

  it('counts the rows an UPDATE changed', () => {
    expect(affectedOf([[], 3])).toBe(3);
    expect(affectedOf([])).toBe(0);
  });

  it('checks each column’s type and names the column when it is wrong', () => {
    const row = {
      id: 'x',
      seats: '12',
      big: '9007199254740993',
      ok: true,
      at: new Date(0),
      none: null,
      status: 'confirmed',
    };
    expect(text(row, 'id')).toBe('x');
    expect(integer(row, 'seats')).toBe(12);
    expect(() => integer(row, 'big')).toThrow(/big/);
    expect(bool(row, 'ok')).toBe(true);
    expect(timestamp(row, 'at')).toEqual(new Date(0));
    expect(optionalText(row, 'none')).toBeNull();
    expect(optionalTimestamp(row, 'none')).toBeNull();
    expect(oneOf(row, 'status', ['pending', 'confirmed'] as const)).toBe(
      'confirmed',
    );
    expect(() => oneOf(row, 'status', ['pending'] as const)).toThrow(/status/);
    expect(() => text(row, 'seats2')).toThrow(/"seats2" should be text/);
    expect(() => bool(row, 'id')).toThrow(RowShapeError);
    expect(() => timestamp(row, 'id')).toThrow(RowShapeError);
  });
});
