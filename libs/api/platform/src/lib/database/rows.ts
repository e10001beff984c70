/**
 * Reading query results at the database boundary. `EntityManager.query` answers `any`;
 * instead of casting that to an interface (which checks nothing), a repository's mapper
 * reads each column through these functions, which check the value's type at run time and
 * throw a `RowShapeError` naming the column when the database answers something else (a
 * renamed column, a changed type, a missing alias). One mapper per table turns a row into
 * its domain object.
 */
export type Row = Readonly<Record<string, unknown>>;

export class RowShapeError extends Error {
  constructor(column: string, expected: string, value: unknown) {
    super(
      `column "${column}" should be ${expected}, the database answered ${value === null ? 'null' : typeof value}`,
    );
    this.name = 'RowShapeError';
  }
}

/** The rows of a query result: TypeORM answers an UPDATE/DELETE … RETURNING with `[rows, count]`. */
export function rowsOf(result: unknown): Row[] {
  const rows =
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0])
      ? result[0]
      : result;
  if (!Array.isArray(rows)) {
    throw new RowShapeError('(result)', 'a list of rows', rows);
  }
  return rows.map((row: unknown, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new RowShapeError(`(row ${index})`, 'an object', row);
    }
    return row as Row;
  });
}

/**
 * How many rows an UPDATE or DELETE without RETURNING changed (TypeORM: `[[], count]`).
 * An INSERT answers its RETURNING rows only: count those instead.
 */
export function affectedOf(result: unknown): number {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    typeof result[1] === 'number'
  ) {
    return result[1];
  }
  return Array.isArray(result) ? result.length : 0;
}

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') {
    throw new RowShapeError(column, 'text', value);
  }
  return value;
}

export function optionalText(row: Row, column: string): string | null {
  return row[column] === null || row[column] === undefined
    ? null
    : text(row, column);
}

/** One of `allowed` (a CHECK-constrained status column), typed as that union. */
export function oneOf<T extends string>(
  row: Row,
  column: string,
  allowed: readonly T[],
): T {
  const value = text(row, column);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new RowShapeError(column, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

/** An integer column; `bigint` and `numeric` arrive as strings from node-postgres. */
export function integer(row: Row, column: string): number {
  const value = row[column];
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(number)) {
    throw new RowShapeError(column, 'an integer', value);
  }
  return number;
}

export function optionalInteger(row: Row, column: string): number | null {
  return row[column] === null || row[column] === undefined
    ? null
    : integer(row, column);
}

export function bool(row: Row, column: string): boolean {
  const value = row[column];
  if (typeof value !== 'boolean') {
    throw new RowShapeError(column, 'a boolean', value);
  }
  return value;
}

export function timestamp(row: Row, column: string): Date {
  const value = row[column];
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RowShapeError(column, 'a timestamp', value);
  }
  return value;
}

export function optionalTimestamp(row: Row, column: string): Date | null {
  return row[column] === null || row[column] === undefined
    ? null
    : timestamp(row, column);
}

/** A jsonb column, as parsed by node-postgres (an object or array). */
export function json(row: Row, column: string): unknown {
  const value = row[column];
  if (value === undefined) {
    throw new RowShapeError(column, 'json', value);
  }
  return value;
}
