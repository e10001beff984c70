/**
 * Deterministic JSON for content hashes: keys sorted by UTF-16 code unit, no whitespace,
 * arrays in order. It mirrors what the response body carries, so an object property that
 * is undefined is left out (as JSON.stringify leaves it out of the body); values the body
 * could not carry faithfully (functions, NaN, Infinity, Dates, class instances, cycles)
 * are refused rather than hashed in some lossy form.
 *
 * The audit library has a stricter twin (it refuses undefined outright); domain libraries
 * do not import each other, so each keeps its own until it moves to a shared library.
 */
export class CanonicalJsonError extends TypeError {
  constructor(path: string, reason: string) {
    super(`Cannot canonicalise ${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) {
    return true;
  }
  // Plain objects from another realm (structuredClone, vm contexts) have a different root.
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]';
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(path, 'non-finite number');
      }
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
  }
  const object = value as object;
  if (ancestors.has(object)) {
    throw new CanonicalJsonError(path, 'circular reference');
  }
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const parts: string[] = [];
      for (let i = 0; i < object.length; i += 1) {
        // JSON.stringify would write an undefined element as null; refusing keeps it visible.
        parts.push(serialise(object[i], `${path}[${i}]`, ancestors));
      }
      return `[${parts.join(',')}]`;
    }
    if (!isPlainObject(object) || Object.getOwnPropertySymbols(object).length > 0) {
      throw new CanonicalJsonError(path, 'only plain objects with string keys and arrays are allowed');
    }
    const record = object as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialise(record[key], `${path}.${key}`, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}
